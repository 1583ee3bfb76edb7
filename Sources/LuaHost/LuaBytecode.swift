// Reads the binary chunks `lua_dump` writes (Lua 5.4 format 0) into prototypes Swift can inspect.
//
// `omneo-run check` lints recipes from their bytecode: the compiler has already resolved which
// names are locals, upvalues or globals, so no Lua parsing is repeated here.

public enum LuaBytecode {
    /// The main function of a chunk. Throws `LuaBytecodeError` for anything but a complete,
    /// well-formed Lua 5.4 chunk with this host's sizes and byte order.
    public static func read(_ bytes: [UInt8]) throws -> LuaPrototype {
        var reader = LuaBytecodeReader(bytes)
        try checkHeader(&reader)
        let upvalueCount = Int(try reader.byte())
        let main = try reader.prototype(parentSource: nil)
        guard main.upvalues.count == upvalueCount else {
            throw LuaBytecodeError.inconsistent("header says \(upvalueCount) upvalues, main function has \(main.upvalues.count)")
        }
        guard reader.isAtEnd else {
            throw LuaBytecodeError.badValue("extra bytes after the main function", at: reader.offset)
        }
        return main
    }

    // lundump.c's checkHeader, field by field, so the message says which one differs.
    private static func checkHeader(_ reader: inout LuaBytecodeReader) throws {
        guard Array(try reader.bytes(4)) == Array("\u{1b}Lua".utf8) else { throw LuaBytecodeError.badHeader("signature") }
        guard try reader.byte() == 0x54 else { throw LuaBytecodeError.badHeader("version is not 5.4") }
        guard try reader.byte() == 0 else { throw LuaBytecodeError.badHeader("format is not 0") }
        guard Array(try reader.bytes(6)) == [0x19, 0x93, 0x0d, 0x0a, 0x1a, 0x0a] else {
            throw LuaBytecodeError.badHeader("corrupted LUAC_DATA")
        }
        guard try reader.byte() == 4 else { throw LuaBytecodeError.badHeader("Instruction size is not 4") }
        guard try reader.byte() == 8 else { throw LuaBytecodeError.badHeader("lua_Integer size is not 8") }
        guard try reader.byte() == 8 else { throw LuaBytecodeError.badHeader("lua_Number size is not 8") }
        guard try reader.integer() == 0x5678 else { throw LuaBytecodeError.badHeader("integer format mismatch") }
        guard try reader.number() == 370.5 else { throw LuaBytecodeError.badHeader("float format mismatch") }
    }
}
