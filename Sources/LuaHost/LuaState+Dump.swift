// Dumping a loaded function to its binary chunk, for tools that inspect bytecode (the linter).
internal import CLua
internal import CLuaShim

extension LuaState {
    /// The binary chunk of a Lua function. `strip: false` keeps line info and names.
    ///
    /// lua_dump only calls our writer, which cannot fail or raise, and allocates nothing in
    /// Lua, so no longjmp can cross this Swift frame.
    public func dump(_ function: LuaReference, strip: Bool = false) throws -> [UInt8] {
        function.push(on: L)
        defer { stack.pop(1) }
        var buffer: [UInt8] = []
        let status = withUnsafeMutablePointer(to: &buffer) { pointer in
            lua_dump(L, Self.appendChunk, pointer, strip ? 1 : 0)
        }
        guard status == 0 else { throw LuaBytecodeError.dumpFailed("not a Lua function") }
        return buffer
    }

    private static let appendChunk: lua_Writer = { _, data, size, userData in
        guard let userData else { return 1 }
        let buffer = userData.assumingMemoryBound(to: [UInt8].self)
        if let data, size > 0 {
            buffer.pointee.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
        }
        return 0
    }
}
