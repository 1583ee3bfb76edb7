// Swift closures as Lua functions, dispatched through the shim's single C trampoline.
internal import CLua
internal import CLuaShim

/// A Swift function callable from Lua. Throw to raise a Lua error at the caller's line.
public typealias LuaFunction = (LuaCall) throws -> LuaResult

final class LuaFunctionBox {
    let name: String
    let body: LuaFunction

    init(name: String, body: @escaping LuaFunction) {
        self.name = name
        self.body = body
    }
}

/// Called by the trampoline for every Swift function. Returns normally in every case, so the
/// trampoline can longjmp (error, yield) after this frame is gone.
let luaDispatch: omneo_dispatch_fn = { state, box in
    guard let state, let box else { return OMNEO_CALL_ERROR_RAW }
    let function = Unmanaged<LuaFunctionBox>.fromOpaque(box).takeUnretainedValue()
    let call = LuaCall(L: state, functionName: function.name)
    do {
        switch try function.body(call) {
        case .values(let count): return Int32(count)
        case .yield(let count): return OMNEO_CALL_YIELD_BASE - Int32(count)
        }
    } catch let error as LuaCallError {
        call.push(error.message)
        return error.withPosition ? OMNEO_CALL_ERROR : OMNEO_CALL_ERROR_RAW
    } catch {
        call.push(String(describing: error))
        return OMNEO_CALL_ERROR
    }
}
