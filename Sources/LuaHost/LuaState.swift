// A Lua state owned by Swift: libraries, globals, loading, protected calls, limits.
internal import CLua
internal import CLuaShim

/// One Lua state. Not thread-safe: use it from one thread or actor only (the watchdog is the
/// one exception, and it only touches the shim's atomic interrupt flag).
public final class LuaState {
    let L: OpaquePointer
    private var functions: [LuaFunctionBox] = []

    public init(memoryLimit: Int = 0) throws {
        guard let L = omneo_newstate(luaDispatch, memoryLimit) else {
            throw LuaError.memory("cannot create a Lua state: out of memory")
        }
        self.L = L
    }

    deinit { omneo_close(L) }

    var stack: LuaStack { LuaStack(L: L) }

    /// Opens the standard libraries that are safe to have in the state at all: base, coroutine,
    /// table, string, math, utf8 and os (trimmed later by the sandbox). Never io, debug or package.
    public func openSafeLibraries() {
        omneo_requiref(L, "_G", luaopen_base)
        omneo_requiref(L, "coroutine", luaopen_coroutine)
        omneo_requiref(L, "table", luaopen_table)
        omneo_requiref(L, "string", luaopen_string)
        omneo_requiref(L, "math", luaopen_math)
        omneo_requiref(L, "utf8", luaopen_utf8)
        omneo_requiref(L, "os", luaopen_os)
    }

    /// Swaps in the host's coroutine.resume/wrap (host yields pass through recipe coroutines) and
    /// pattern functions the watchdog can interrupt. Call after `openSafeLibraries`.
    public func installSandboxShims() { omneo_install_sandbox_shims(L) }

    // MARK: Memory

    /// Bytes Lua has allocated now.
    public var memoryUsed: Int { omneo_memory_used(L) }
    public var memoryPeak: Int { omneo_memory_peak(L) }
    /// Bytes Lua may allocate; 0 is unlimited.
    public var memoryLimit: Int {
        get { omneo_memory_limit(L) }
        set { omneo_set_memory_limit(L, newValue) }
    }
    /// True once an allocation was refused because of the limit.
    public var memoryLimitHit: Bool { omneo_memory_limit_hit(L) != 0 }

    public func collectGarbage() { _ = omneo_gc(L, LUA_GCCOLLECT, 0) }

    // MARK: Interruption

    /// Stops running Lua code at its next instruction with `message` (any thread may call this).
    public func interrupt(_ message: String) { omneo_interrupt(L, message) }
    public var isInterrupted: Bool { omneo_interrupted(L) != 0 }

    /// Interrupts with `message` once `seconds` have passed, unless stopped first.
    public func startWatchdog(seconds: Double, message: String) {
        _ = omneo_watchdog_start(L, seconds, message)
    }

    public func stopWatchdog() { omneo_watchdog_stop(L) }

    /// Errors a bound Swift function raises are placed at the first caller outside the host's "=[omneo]"
    /// chunks and outside chunks named with `prefix` (a library the host ships), not at the glue's own line.
    public func hideLibraryFrames(chunkPrefix prefix: String?) { omneo_set_library_prefix(L, prefix) }

    // MARK: Globals and functions

    public func setGlobal(_ name: String, _ value: LuaValue) throws {
        try stack.push(value)
        lua_setglobal(L, name)
    }

    public func setGlobal(_ name: String, _ reference: LuaReference) {
        reference.push(on: L)
        lua_setglobal(L, name)
    }

    public func global(_ name: String) throws -> LuaValue {
        omneo_pushglobaltable(L)
        stack.push(name)
        lua_rawget(L, -2)
        defer { stack.pop(2) }
        return try stack.value(at: -1)
    }

    /// A Lua function that runs `body`; `name` is what argument errors call it.
    public func function(named name: String, _ body: @escaping LuaFunction) -> LuaReference {
        pushFunction(named: name, body)
        return reference()
    }

    /// A table of Swift functions, e.g. a host module the Lua side builds on.
    public func table(of functions: [String: LuaFunction], prefix: String = "") -> LuaReference {
        lua_createtable(L, 0, Int32(functions.count))
        for (name, body) in functions {
            pushFunction(named: prefix + name, body)
            lua_setfield(L, -2, name)
        }
        return reference()
    }

    public func table(_ value: LuaValue) throws -> LuaReference {
        try stack.push(value)
        return reference()
    }

    func pushFunction(named name: String, _ body: @escaping LuaFunction) {
        let box = LuaFunctionBox(name: name, body: body)
        functions.append(box)
        omneo_pushswiftfunction(L, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Pops the top of the stack into the registry.
    func reference() -> LuaReference {
        LuaReference(owner: self, ref: luaL_ref(L, omneo_registryindex()))
    }
}

extension LuaState {
    /// Anchors argument `n` of a call in the registry (a function to run later as its own coroutine).
    public func reference(_ call: LuaCall, argument n: Int) -> LuaReference {
        lua_pushvalue(call.stack.L, Int32(n))
        return LuaReference(owner: self, ref: luaL_ref(call.stack.L, omneo_registryindex()))
    }
}

extension LuaState {
    /// Counts memory the host keeps on the recipe's behalf (its tasks' records) as used, so the limit
    /// covers it too (negative: given back). Never refused here: the next allocation Lua makes is.
    public func accountHostMemory(_ bytes: Int) { omneo_account_host_memory(L, Int64(bytes)) }
}
