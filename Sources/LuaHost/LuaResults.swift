// What a finished coroutine returned, left in Lua: a scheduler hands it on without copying it.
internal import CLua
internal import CLuaShim

/// A thread's return values, packed in one Lua table (`{...; n = count}`) that stays in Lua, so it
/// counts against the state's memory limit like any table and keeps functions and shared tables as
/// they are. Swift converts them only when it asks for `values()`.
public struct LuaResults {
    private let state: LuaState
    /// The packed table, to pass back into Lua (`table.unpack(t, 1, t.n)` there).
    public let packed: LuaReference
    public let count: Int

    /// Pops the `count` values on top of `thread` into a new table, built on the main state (which
    /// has room for it, whatever the thread's stack holds).
    init(packing count: Int32, from thread: OpaquePointer, in state: LuaState) {
        let L = state.L
        lua_createtable(L, count, 1)
        for index in stride(from: count, to: 0, by: -1) {
            lua_xmove(thread, L, 1)
            lua_rawseti(L, -2, lua_Integer(index))
        }
        lua_pushstring(L, "n")
        lua_pushinteger(L, lua_Integer(count))
        lua_rawset(L, -3)
        self.state = state
        self.packed = state.reference()
        self.count = Int(count)
    }

    /// The values as Swift data (each counted against the memory limit as it is copied).
    public func values() throws -> [LuaValue] {
        let stack = state.stack
        packed.push(on: state.L)
        defer { stack.pop(1) }
        try stack.ensure(2)
        return try (0..<count).map { index in
            lua_rawgeti(state.L, -1, lua_Integer(index + 1))
            defer { stack.pop(1) }
            return try stack.value(at: -1)
        }
    }
}
