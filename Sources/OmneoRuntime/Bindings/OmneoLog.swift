// omneo.log.debug/info/warn/error: formatted lines on stderr, filtered by -q / -v.
import LuaHost

enum OmneoLog: OmneoModule {
    static let names = ["omneo.log", "omneo.log.debug", "omneo.log.info", "omneo.log.warn", "omneo.log.error"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["log": { call in
            let levelName = try call.string(1)
            guard let level = RecipeLogLevel(rawValue: levelName) else {
                throw call.argumentError(1, "unknown log level '\(levelName)'")
            }
            context.log(level, try call.string(2))
            return .values(0)
        }]
    }

    static let glue = EmbeddedLua.omneoLog
}
