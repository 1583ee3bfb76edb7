// A Lua coroutine driven from Swift: the recipe's main task, and later every scheduled task.
internal import CLua
internal import CLuaShim

public final class LuaThread {
    private let state: LuaState
    private let anchor: LuaReference
    let L: OpaquePointer
    private var pendingArguments: Int32 = 0

    /// What one resume ended with.
    public enum Outcome {
        /// The function returned these values; the thread is finished.
        case finished([LuaValue])
        /// A bound Swift function asked to wait (a host yield); resume when its work is done.
        case hostYield
        /// Lua code called `coroutine.yield` with these values outside any coroutine of its own.
        case yielded([LuaValue])
        /// The code raised; the message carries `file:line:` and the traceback is the thread's.
        case failed(LuaError)
    }

    /// A new coroutine that will run `function`. It is the host's task: recipe code can neither
    /// resume nor close it (`coroutine.resume` and `coroutine.close` refuse).
    public init(state: LuaState, function: LuaReference) {
        self.state = state
        let thread = omneo_newtask(state.L)!
        self.L = thread
        self.anchor = state.reference()
        function.push(on: thread)
    }

    /// Resumes with `arguments` (the function's arguments on the first resume, or the host
    /// call's results after a host yield).
    public func resume(_ arguments: [LuaValue] = []) throws -> Outcome {
        let stack = LuaStack(L: L)
        try stack.ensure(Int32(arguments.count) + 1)
        for argument in arguments { try stack.push(argument) }
        return resume(count: Int32(arguments.count))
    }

    /// Resumes after the caller pushed `count` values onto `thread` itself.
    func resume(count: Int32) -> Outcome {
        var results: Int32 = 0
        let status = omneo_resume(L, state.L, count, &results)
        let stack = LuaStack(L: L)
        switch status {
        case LUA_OK, LUA_YIELD:
            defer { stack.pop(results) }
            if status == LUA_YIELD, results > 0, lua_touserdata(L, -results) == omneo_host_yield_tag() {
                return .hostYield
            }
            let base = stack.top - results
            let values = (0..<results).map { (try? stack.value(at: base + 1 + $0)) ?? .nil }
            return status == LUA_OK ? .finished(values) : .yielded(values)
        default:
            omneo_traceback(state.L, L, nil, 0)
            let traceback = LuaStack(L: state.L).string(at: -1)
            state.stack.pop(1)
            let error = state.failure(status: status, on: L, traceback: traceback)
            stack.pop(1)
            return .failed(error)
        }
    }
}
