// A Lua coroutine driven from Swift: the recipe's main task, and every scheduled task.
internal import CLua
internal import CLuaShim

public final class LuaThread {
    private let state: LuaState
    private let anchor: LuaReference
    let L: OpaquePointer

    /// What one resume ended with.
    public enum Outcome {
        /// The function returned; the thread is finished.
        case finished(LuaResults)
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
        try resume(arguments.map(LuaArgument.value))
    }

    /// Resumes with values or Lua objects (another task's results, passed on without a copy).
    public func resume(_ arguments: [LuaArgument]) throws -> Outcome {
        let stack = LuaStack(L: L)
        try stack.ensure(Int32(arguments.count) + 1)
        for argument in arguments {
            switch argument {
            case .value(let value): try stack.push(value)
            case .reference(let reference): reference.push(on: L)
            }
        }
        return resume(count: Int32(arguments.count))
    }

    /// Resumes after the caller pushed `count` values onto `thread` itself.
    func resume(count: Int32) -> Outcome {
        var results: Int32 = 0
        let status = omneo_resume(L, state.L, count, &results)
        let stack = LuaStack(L: L)
        switch status {
        case LUA_OK:
            return .finished(LuaResults(packing: results, from: L, in: state))
        case LUA_YIELD:
            defer { stack.pop(results) }
            if results > 0, lua_touserdata(L, -results) == omneo_host_yield_tag() { return .hostYield }
            let base = stack.top - results
            return .yielded((0..<results).map { (try? stack.value(at: base + 1 + $0)) ?? .nil })
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
