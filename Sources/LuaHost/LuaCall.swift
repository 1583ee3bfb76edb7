// The face a bound Swift function sees: its arguments, its results, and argument errors in Lua's words.
internal import CLua
internal import CLuaShim

/// One call from Lua into Swift. Valid only during that call; never store it.
public struct LuaCall {
    let stack: LuaStack
    /// The name Lua code knows the function by, for messages like "bad argument #1 to 'omneo.params'".
    public let functionName: String

    init(L: OpaquePointer, functionName: String) {
        self.stack = LuaStack(L: L)
        self.functionName = functionName
    }

    /// How many arguments the caller passed.
    public var argumentCount: Int { Int(stack.top) }

    /// Lua's type name of argument `n` (1-based), "no value" past the end.
    public func typeName(_ n: Int) -> String {
        n > argumentCount ? "no value" : stack.typeName(at: Int32(n))
    }

    public func isNil(_ n: Int) -> Bool { n > argumentCount || stack.type(at: Int32(n)) == LUA_TNIL }

    public func argumentError(_ n: Int, _ message: String) -> LuaCallError {
        LuaCallError("bad argument #\(n) to '\(functionName)' (\(message))")
    }

    private func expected(_ n: Int, _ type: String) -> LuaCallError {
        argumentError(n, "\(type) expected, got \(typeName(n))")
    }

    /// Argument `n` as any data value (tables converted deeply, counted against the memory limit).
    public func value(_ n: Int) throws -> LuaValue {
        if n > argumentCount { return .nil }
        do {
            return try stack.value(at: Int32(n))
        } catch let error as LuaError where !error.isMemoryError && !error.isInterruption {
            throw argumentError(n, error.message)
        }
    }

    /// Counts what this call builds from Lua data beyond `value(_:)` (a JSON copy, say) against the limit.
    public var memoryCharge: LuaMemoryCharge { LuaMemoryCharge(L: stack.L) }

    public func string(_ n: Int) throws -> String {
        guard let text = stack.string(at: Int32(n)) else { throw expected(n, "string") }
        return text
    }

    public func optionalString(_ n: Int) throws -> String? {
        isNil(n) ? nil : try string(n)
    }

    public func bytes(_ n: Int) throws -> [UInt8] {
        guard let bytes = stack.bytes(at: Int32(n)) else { throw expected(n, "string") }
        return bytes
    }

    public func integer(_ n: Int) throws -> Int64 {
        guard n <= argumentCount, stack.type(at: Int32(n)) == LUA_TNUMBER else { throw expected(n, "number") }
        var isInteger: Int32 = 0
        let value = lua_tointegerx(stack.L, Int32(n), &isInteger)
        guard isInteger != 0 else { throw argumentError(n, "number has no integer representation") }
        return Int64(value)
    }

    public func number(_ n: Int) throws -> Double {
        guard n <= argumentCount, stack.type(at: Int32(n)) == LUA_TNUMBER else { throw expected(n, "number") }
        return lua_tonumberx(stack.L, Int32(n), nil)
    }

    public func table(_ n: Int) throws -> LuaValue {
        guard n <= argumentCount, stack.type(at: Int32(n)) == LUA_TTABLE else { throw expected(n, "table") }
        return try value(n)
    }

    // MARK: Results

    /// Pushes a result; return the number pushed from the function.
    public func push(_ value: LuaValue) throws { try stack.push(value) }
    public func push(_ text: String) { stack.push(text) }
    public func push(_ integer: Int64) { lua_pushinteger(stack.L, lua_Integer(integer)) }
    public func push(_ number: Double) { lua_pushnumber(stack.L, number) }
    public func push(_ flag: Bool) { lua_pushboolean(stack.L, flag ? 1 : 0) }
    public func pushNil() { lua_pushnil(stack.L) }

    /// The `nil, message` pair for an expected failure.
    public func failure(_ message: String) -> LuaResult {
        pushNil()
        push(message)
        return .values(2)
    }

    /// Pushes the tag that marks a host yield; a scheduler recognises it, recipe coroutines pass it on.
    public func pushHostYieldTag() { lua_pushlightuserdata(stack.L, omneo_host_yield_tag()) }

    /// The coroutine this call runs on, as an opaque identity for a scheduler.
    public var thread: OpaquePointer { stack.L }
}

/// What a bound Swift function asks Lua to do next.
public enum LuaResult {
    /// Return this many values from the top of the stack.
    case values(Int)
    /// Yield this many values from the top of the stack to whoever resumes the coroutine.
    case yield(Int)
}
