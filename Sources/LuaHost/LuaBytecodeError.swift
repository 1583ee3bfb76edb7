// Why a binary chunk could not be read: always a message, never a crash on malformed input.

public struct LuaBytecodeError: Error, CustomStringConvertible, Sendable {
    private enum Kind: Sendable {
        case truncated(offset: Int)
        case badHeader(String)
        case badValue(String, offset: Int)
        case inconsistent(String)
        case dumpFailed(String)
    }

    private let kind: Kind

    public var description: String {
        switch kind {
        case .truncated(let offset): "bytecode ends early (at byte \(offset))"
        case .badHeader(let what): "not a Lua 5.4 binary chunk for this host: \(what)"
        case .badValue(let what, let offset): "malformed bytecode at byte \(offset): \(what)"
        case .inconsistent(let what): "malformed bytecode: \(what)"
        case .dumpFailed(let why): "cannot dump the function: \(why)"
        }
    }

    static func truncated(at offset: Int) -> LuaBytecodeError { .init(kind: .truncated(offset: offset)) }
    static func badHeader(_ what: String) -> LuaBytecodeError { .init(kind: .badHeader(what)) }
    static func badValue(_ what: String, at offset: Int) -> LuaBytecodeError {
        .init(kind: .badValue(what, offset: offset))
    }
    static func inconsistent(_ what: String) -> LuaBytecodeError { .init(kind: .inconsistent(what)) }
    static func dumpFailed(_ why: String) -> LuaBytecodeError { .init(kind: .dumpFailed(why)) }
}
