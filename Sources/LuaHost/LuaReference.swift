// A Lua object (function, table, coroutine) kept alive in the registry for Swift to hold.
internal import CLua
internal import CLuaShim

public final class LuaReference {
    let ref: Int32
    private weak var owner: LuaState?

    init(owner: LuaState, ref: Int32) {
        self.owner = owner
        self.ref = ref
    }

    deinit {
        if let owner { luaL_unref(owner.L, omneo_registryindex(), ref) }
    }

    func push(on L: OpaquePointer) {
        lua_rawgeti(L, omneo_registryindex(), lua_Integer(ref))
    }
}
