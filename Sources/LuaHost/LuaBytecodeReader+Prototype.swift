// Reads one function prototype in ldump.c's dumpFunction order, recursing into nested functions.

extension LuaBytecodeReader {
    /// Deeper nesting than this cannot come out of Lua's parser (it stops at 200 C levels),
    /// so a deeper chunk is forged; refusing it keeps our recursion bounded.
    static let maxNesting = 250

    mutating func prototype(parentSource: String?, depth: Int = 0) throws -> LuaPrototype {
        guard depth <= Self.maxNesting else {
            throw LuaBytecodeError.badValue("functions nested too deeply", at: offset)
        }
        var proto = LuaPrototype()
        proto.source = try string().map { String(decoding: $0, as: UTF8.self) } ?? parentSource
        proto.lineDefined = try int()
        proto.lastLineDefined = try int()
        proto.parameterCount = Int(try byte())
        proto.isVararg = try byte() != 0
        proto.maxStackSize = Int(try byte())
        proto.code = try (0..<count(minimumBytes: 4)).map { _ in LuaInstruction(raw: try uint32()) }
        proto.constants = try (0..<count(minimumBytes: 1)).map { _ in try constant() }
        proto.upvalues = try (0..<count(minimumBytes: 3)).map { _ in
            LuaPrototype.Upvalue(inStack: try byte() != 0, index: Int(try byte()), kind: try byte())
        }
        proto.prototypes = try (0..<count(minimumBytes: 1)).map { _ in
            try prototype(parentSource: proto.source, depth: depth + 1)
        }
        try debugInfo(into: &proto)
        try proto.computeLines()
        return proto
    }

    private mutating func constant() throws -> LuaConstant {
        let start = offset
        switch try byte() {
        case LuaConstant.tagNil: return .nil
        case LuaConstant.tagFalse: return .boolean(false)
        case LuaConstant.tagTrue: return .boolean(true)
        case LuaConstant.tagInteger: return .integer(try integer())
        case LuaConstant.tagFloat: return .number(try number())
        case LuaConstant.tagShortString, LuaConstant.tagLongString:
            // A NULL string cannot be a constant; lundump.c refuses it too.
            guard let bytes = try string() else { throw LuaBytecodeError.badValue("null string constant", at: start) }
            return .string(bytes)
        case let tag: throw LuaBytecodeError.badValue("unknown constant type \(tag)", at: start)
        }
    }

    /// Line info, local variables and upvalue names; all counts are 0 in a stripped dump.
    private mutating func debugInfo(into proto: inout LuaPrototype) throws {
        proto.lineDeltas = try bytes(count(minimumBytes: 1)).map { Int8(bitPattern: $0) }
        proto.absoluteLines = try (0..<count(minimumBytes: 2)).map { _ in
            LuaPrototype.AbsoluteLine(pc: try int(), line: try int())
        }
        proto.localVariables = try (0..<count(minimumBytes: 3)).map { _ in
            let at = offset
            guard let name = try string() else { throw LuaBytecodeError.badValue("local without a name", at: at) }
            return LuaPrototype.LocalVariable(name: String(decoding: name, as: UTF8.self), startPC: try int(), endPC: try int())
        }
        let at = offset
        let names = try (0..<count(minimumBytes: 1)).map { _ in try string().map { String(decoding: $0, as: UTF8.self) } }
        guard names.count <= proto.upvalues.count else {
            throw LuaBytecodeError.badValue("\(names.count) upvalue names for \(proto.upvalues.count) upvalues", at: at)
        }
        for (index, name) in names.enumerated() { proto.upvalues[index].name = name }
    }
}
