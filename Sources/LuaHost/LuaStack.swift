// Moves values between Swift and a Lua stack using only calls that cannot raise a Lua error.
internal import CLua
internal import CLuaShim

/// A view of one `lua_State` (main state or coroutine). Every call here is safe from Swift:
/// raw access, `lua_next` and type checks only, so Lua's longjmp never crosses a Swift frame.
struct LuaStack {
    let L: OpaquePointer

    static let maxDepth = 100

    var top: Int32 { lua_gettop(L) }

    func pop(_ n: Int32) { omneo_pop(L, n) }

    func ensure(_ slots: Int32) throws {
        if lua_checkstack(L, slots) == 0 {
            throw LuaError.conversion("value is nested too deeply (Lua stack overflow)")
        }
    }

    // MARK: Swift -> Lua

    func push(_ value: LuaValue, depth: Int = 0) throws {
        try ensure(3)
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): push(bytes: s.bytes)
        case .table(let table): try push(table: table, depth: depth)
        }
    }

    func push(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                _ = lua_pushlstring(L, $0, buffer.count)
            }
        }
    }

    func push(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(L, $0.baseAddress, $0.count) }
        }
    }

    private func push(table: [LuaValue: LuaValue], depth: Int) throws {
        guard depth < Self.maxDepth else {
            throw LuaError.conversion("table is nested more than \(Self.maxDepth) levels deep")
        }
        var sequence: Int32 = 0
        while table[.integer(Int64(sequence) + 1)] != nil { sequence += 1 }
        let base = top
        lua_createtable(L, sequence, Int32(table.count) - sequence)
        do {
            for (key, value) in table where value != .nil {
                switch key {
                case .nil: throw LuaError.conversion("table index is nil")
                case .number(let d) where d.isNaN: throw LuaError.conversion("table index is NaN")
                case .table: throw LuaError.conversion("tables as table keys are not supported")
                default: break
                }
                try push(key, depth: depth + 1)
                try push(value, depth: depth + 1)
                lua_rawset(L, -3)
            }
        } catch {
            lua_settop(L, base)
            throw error
        }
    }

    // MARK: Lua -> Swift

    func type(at index: Int32) -> Int32 { lua_type(L, index) }

    func typeName(at index: Int32) -> String {
        String(cString: lua_typename(L, lua_type(L, index)))
    }

    func bytes(at index: Int32) -> [UInt8]? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        let bytes = copiedBytes(at: index)
        _ = omneo_charge(L, LuaMemoryCharge.string + bytes.count)  // past the limit, the call's return raises
        return bytes
    }

    private func copiedBytes(at index: Int32) -> [UInt8] {
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let pointer = lua_tolstring(L, index, &length) else { return nil }
        _ = omneo_charge(L, LuaMemoryCharge.string + length)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The value as Swift data; tables are copied deeply, each copy counted against the memory limit
    /// (`LuaMemoryCharge`), so a table of shared sub-tables cannot grow without bound on this side.
    func value(at index: Int32) throws -> LuaValue {
        var visiting: Set<UnsafeRawPointer> = []
        return try value(at: lua_absindex(L, index), depth: 0, visiting: &visiting)
    }

    private func value(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) throws -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(lua_tointegerx(L, index, nil))) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            let bytes = copiedBytes(at: index)
            try LuaMemoryCharge(L: L)(LuaMemoryCharge.string + bytes.count)
            return .string(LuaString(bytes: bytes))
        case LUA_TTABLE: return try table(at: index, depth: depth, visiting: &visiting)
        default:
            throw LuaError.conversion("cannot convert a \(typeName(at: index)) to data")
        }
    }

    private func table(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>) throws -> LuaValue {
        guard depth < Self.maxDepth else {
            throw LuaError.conversion("table is nested more than \(Self.maxDepth) levels deep")
        }
        let identity = lua_topointer(L, index)!
        guard visiting.insert(identity).inserted else {
            throw LuaError.conversion("cannot convert a table that contains itself")
        }
        defer { visiting.remove(identity) }
        try ensure(3)
        if pushViewedTable(index) {
            defer { pop(1) }
            return try table(at: top, depth: depth + 1, visiting: &visiting)
        }
        let charge = LuaMemoryCharge(L: L)
        try charge(LuaMemoryCharge.table)
        var result: [LuaValue: LuaValue] = [:]
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            do {
                try charge(LuaMemoryCharge.entry)
                let key = try value(at: top - 1, depth: depth + 1, visiting: &visiting)
                result[key] = try value(at: top, depth: depth + 1, visiting: &visiting)
            } catch {
                pop(2)
                throw error
            }
            pop(1)
        }
        return .table(result)
    }

    /// The metatable field in which a read-only view (OmneoRuntime's Lua/readonly.lua: an empty table that
    /// reads through to one it shows) keeps that table. A view converts as the table it shows.
    static let viewField = "__viewof"

    /// For a view at `index`, pushes the table it shows and returns true; otherwise pushes nothing.
    private func pushViewedTable(_ index: Int32) -> Bool {
        guard lua_getmetatable(L, index) != 0 else { return false }
        push(Self.viewField)
        guard lua_rawget(L, -2) == LUA_TTABLE else {
            pop(2)
            return false
        }
        lua_rotate(L, -2, 1)
        pop(1)
        return true
    }
}
