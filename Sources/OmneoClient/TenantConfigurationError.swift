// Why the tenants could not be loaded or chosen; the message names the file and key to fix.
public struct TenantConfigurationError: Error, Sendable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
