// omneo.tenant, omneo.dry_run, omneo.run_id, omneo.args: what this run is.
import LuaHost

enum OmneoRunInfo: OmneoModule {
    static let names = ["omneo.tenant", "omneo.dry_run", "omneo.run_id", "omneo.args", "omneo.args.*"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["run_info": { call in
            let options = context.options
            var arguments: [String: LuaValue] = [:]
            for (key, value) in context.arguments { arguments[key] = .string(value) }
            try call.push(.object([
                "tenant": options.tenant.map { .string($0) } ?? .nil,
                "dry_run": .boolean(options.dryRun),
                "run_id": .string(options.runID),
                "args": .object(arguments),
                "concurrency": .integer(Int64(options.concurrency)),
            ]))
            return .values(1)
        }]
    }

    static let glue = EmbeddedLua.omneoRunInfo
}
