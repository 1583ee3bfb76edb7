// What the linter knows a register or upvalue holds while it follows a function's bytecode.

enum LintValue: Sendable, Equatable {
    /// The global environment: fields read or written through it are globals.
    case environment
    /// A known `omneo` name, e.g. "omneo.log" (directly or through a local alias).
    case path(String)
    /// A string constant (keys of GETTABLE/SETTABLE once a chunk has over 256 constants).
    case string(String)
    /// A closure: an assigned global that holds one gets the 'local function' hint.
    case function

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

/// Register number -> value, for the registers whose value is known; the rest are unknown.
typealias LintRegisters = [Int: LintValue]
