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

    static let glue = #"""
    local omneo, host = ...
    local format, tostring, select, pcall = string.format, tostring, select, pcall
    local log = {}

    local function emit(level, fmt, ...)
      if select("#", ...) == 0 then return host.log(level, tostring(fmt)) end
      local ok, text = pcall(format, fmt, ...)
      -- Level 3 points the message at the recipe line that called omneo.log.<level>.
      if not ok then error("omneo.log." .. level .. ": " .. text, 3) end
      return host.log(level, text)
    end

    --- Logs a line on stderr, formatted like string.format. Shown only with -v.
    --- Example: `omneo.log.debug("row %d: %s", n, email)`
    ---@param fmt string
    function log.debug(fmt, ...) emit("debug", fmt, ...) end

    --- Logs a line on stderr (hidden by -q).
    --- Example: `omneo.log.info("resolved %d of %d emails", #ids, total)`
    ---@param fmt string
    function log.info(fmt, ...) emit("info", fmt, ...) end

    --- Logs a warning on stderr (always shown).
    --- Example: `omneo.log.warn("skipping %s: no followers column", email)`
    ---@param fmt string
    function log.warn(fmt, ...) emit("warn", fmt, ...) end

    --- Logs an error on stderr without stopping the recipe (use error() to stop).
    --- Example: `omneo.log.error("batch %s failed", id)`
    ---@param fmt string
    function log.error(fmt, ...) emit("error", fmt, ...) end

    omneo.log = log
    """#
}
