// Builds the sandboxed state a recipe runs in: safe libraries, the omneo module, require.
import LuaHost

struct RecipeSandbox {
    /// Globals every recipe sees (for `omneo-run check`).
    static let globalNames: Set<String> = [
        "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset",
        "select", "tonumber", "tostring", "type", "_VERSION", "getmetatable", "setmetatable", "xpcall",
        "collectgarbage", "print", "require", "load", "string", "table", "math", "utf8", "coroutine", "os",
        "package", "omneo", "_G",
    ]

    let state: LuaState
    let context: RecipeContext
    /// `loader(source, chunkname)`: compiles text into a function with a fresh sandbox environment.
    private let loader: LuaReference

    init(context: RecipeContext) throws {
        self.context = context
        let limit = context.options.maxMemoryMB.map { $0 * 1024 * 1024 } ?? 0
        state = try LuaState(memoryLimit: limit)
        context.state = state
        // Misuse is shown at the recipe's line, also when the stdlib's modules made the call for it.
        state.hideLibraryFrames(chunkPrefix: context.options.stdlibDirectory.map { "@" + SearchPath.join($0, "omneo/") })
        state.openSafeLibraries()
        state.installSandboxShims()
        let host = state.table(of: Self.hostFunctions(context))
        let omneo = try state.table(.table([:]))
        for module in OmneoModules.all + context.options.extraModules {
            let glue = try state.load(module.glue, chunkName: "=[omneo]")
            try state.call(glue, [.reference(omneo), .reference(host)])
        }
        let views = try state.load(SandboxPrelude.readonlyViews, chunkName: SandboxPrelude.chunkName)
        let readonly = try state.callKeepingResult(views, [])
        let prelude = try state.load(SandboxPrelude.source, chunkName: SandboxPrelude.chunkName)
        loader = try state.callKeepingResult(prelude, [.reference(host), .reference(omneo), .reference(readonly)])
    }

    private static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        var functions: [String: LuaFunction] = [
            "find_module": { call in
                switch context.searchPath.module(named: try call.string(1)) {
                case .success(let path):
                    guard let source = FileContents.read(path) else {
                        return call.failure("cannot read module file '\(path)'")
                    }
                    try call.push(.string(LuaString(bytes: source)))
                    call.push("@" + path)
                    return .values(2)
                case .failure(let notFound):
                    return call.failure(notFound.description)
                }
            },
            "search_path": { call in
                call.push(context.searchPath.description)
                return .values(1)
            },
            // The glue's error(): raised at the first caller outside the glue and the stdlib (hideLibraryFrames).
            "raise": { call in
                throw LuaCallError((try? call.string(1)) ?? "(error object is a \(call.typeName(1)) value)")
            },
        ]
        for module in OmneoModules.all + context.options.extraModules {
            functions.merge(module.hostFunctions(context)) { first, _ in first }
        }
        return functions
    }

    /// Compiles a chunk into a sandboxed function; syntax errors throw with `file:line:`.
    func load(_ source: [UInt8], chunkName: String) throws -> LuaReference {
        try state.callKeepingResult(loader, [.value(.string(LuaString(bytes: source))), .value(.string(chunkName))])
    }
}
