// Loading and calling Lua code from Swift, always in protected mode.
internal import CLua
internal import CLuaShim

extension LuaState {
    /// Compiles text (never binary chunks) into a function. `chunkName` is what messages show,
    /// e.g. "@recipes/foo.lua" prints as "recipes/foo.lua:12:".
    public func load(_ source: [UInt8], chunkName: String) throws -> LuaReference {
        var source = source
        if source.isEmpty { source = [0x20] }  // a non-null base address for the empty chunk
        let status = source.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                luaL_loadbufferx(L, $0.baseAddress, $0.count, chunkName, "t")
            }
        }
        guard status == LUA_OK else {
            let message = stack.string(at: -1) ?? "cannot load \(chunkName)"
            stack.pop(1)
            throw status == LUA_ERRMEM ? LuaError.memory(message) : LuaError.syntax(message)
        }
        return reference()
    }

    public func load(_ source: String, chunkName: String) throws -> LuaReference {
        try load(Array(source.utf8), chunkName: chunkName)
    }

    /// Calls `function` with `arguments` (values or references) and returns its results as data.
    @discardableResult
    public func call(_ function: LuaReference, _ arguments: [LuaArgument] = []) throws -> [LuaValue] {
        let base = stack.top
        defer { lua_settop(L, base) }
        try protectedCall(function, arguments, results: LUA_MULTRET)
        return try (base + 1..<stack.top + 1).map { try stack.value(at: $0) }
    }

    /// Calls `function` and keeps its first result (a function or table) in the registry.
    public func callKeepingResult(_ function: LuaReference, _ arguments: [LuaArgument] = []) throws -> LuaReference {
        let base = stack.top
        defer { lua_settop(L, base) }
        try protectedCall(function, arguments, results: 1)
        return reference()
    }

    /// Runs the call with a traceback handler; leaves the results where the handler was.
    private func protectedCall(_ function: LuaReference, _ arguments: [LuaArgument], results: Int32) throws {
        let handler = stack.top + 1
        try stack.ensure(Int32(arguments.count) + 3)
        omneo_pushcfunction(L, omneo_message_handler)
        function.push(on: L)
        for argument in arguments {
            switch argument {
            case .value(let value): try stack.push(value)
            case .reference(let reference): reference.push(on: L)
            }
        }
        let status = omneo_pcall(L, Int32(arguments.count), results, handler)
        guard status == LUA_OK else { throw failure(status: status, on: L, traceback: lastTraceback()) }
        lua_rotate(L, handler, -1)
        stack.pop(1)
    }

    /// Loads and runs a snippet with the state's own globals (trusted host code and tests).
    @discardableResult
    public func run(_ source: String, chunkName: String = "=host") throws -> [LuaValue] {
        try call(load(source, chunkName: chunkName))
    }

    private func lastTraceback() -> String? {
        omneo_push_last_traceback(L)
        defer { stack.pop(1) }
        return stack.string(at: -1)
    }

    /// The error on top of `thread`'s stack as a LuaError.
    func failure(status: Int32, on thread: OpaquePointer, traceback: String?) -> LuaError {
        let message = errorMessage(on: thread)
        if status == LUA_ERRMEM {
            return .memory(message, traceback: traceback)
        }
        return .runtime(message, traceback: traceback)
    }

    private func errorMessage(on thread: OpaquePointer) -> String {
        let errorStack = LuaStack(L: thread)
        switch errorStack.type(at: -1) {
        case LUA_TSTRING: return errorStack.string(at: -1) ?? ""
        case LUA_TNUMBER: return (try? errorStack.value(at: -1)).map(Self.describeNumber) ?? "error"
        default: return "(error object is a \(errorStack.typeName(at: -1)) value)"
        }
    }

    private static func describeNumber(_ value: LuaValue) -> String {
        switch value {
        case .integer(let i): String(i)
        case .number(let d): String(d)
        default: "error"
        }
    }
}

/// An argument for `LuaState.call`.
public enum LuaArgument {
    case value(LuaValue)
    case reference(LuaReference)
}
