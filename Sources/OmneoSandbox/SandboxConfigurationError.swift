// A sandbox option or seed file that cannot be used; the message names the option, file or entry.
public struct SandboxConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
