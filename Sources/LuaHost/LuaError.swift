// Errors from the Lua host: what a recipe author reads, never a Swift type name.

public struct LuaError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case runtime
        case syntax
        case memory
        case conversion
        case interrupted
    }

    private let kind: Kind
    /// The message, already carrying `file:line:` where Lua knows it.
    public let message: String
    /// The Lua traceback, when the error came out of running code.
    public let traceback: String?

    public var description: String { message }

    public var isSyntaxError: Bool { kind == .syntax }
    public var isMemoryError: Bool { kind == .memory }
    /// The watchdog stopped Swift work that reads Lua data (the recipe stops at its next instruction).
    public var isInterruption: Bool { kind == .interrupted }

    public static func runtime(_ message: String, traceback: String? = nil) -> LuaError {
        LuaError(kind: .runtime, message: message, traceback: traceback)
    }

    public static func syntax(_ message: String) -> LuaError {
        LuaError(kind: .syntax, message: message, traceback: nil)
    }

    public static func memory(_ message: String, traceback: String? = nil) -> LuaError {
        LuaError(kind: .memory, message: message, traceback: traceback)
    }

    public static func conversion(_ message: String) -> LuaError {
        LuaError(kind: .conversion, message: message, traceback: nil)
    }

    public static func interrupted(_ message: String) -> LuaError {
        LuaError(kind: .interrupted, message: message, traceback: nil)
    }
}

/// Thrown by a bound Swift function: becomes a Lua error at the calling recipe's line.
public struct LuaCallError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// When false the message is raised as is, without the caller's `file:line:` prefix.
    public let withPosition: Bool

    public init(_ message: String, withPosition: Bool = true) {
        self.message = message
        self.withPosition = withPosition
    }

    public var description: String { message }
}
