// The two ways a session call fails short of stopping the run: what a healthy run meets, and misuse.

/// What can happen in a healthy run (not found, refused fields), returned to Lua as `nil, message`.
public struct ExpectedFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A write the recipe asked for wrongly; raised at the recipe's line before anything is sent.
public struct WriteMisuse: Error, Sendable {
    public let message: String
    /// The value the recipe gave that is wrong (an unknown handle), so the host can say which `--arg` it came from.
    public let value: String?
    public init(_ message: String, value: String? = nil) {
        self.message = message
        self.value = value
    }
}
