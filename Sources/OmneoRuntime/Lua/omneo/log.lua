local omneo, host = ... -- glue(omneo, host) of omneo.log: formatted lines on stderr, filtered by -q / -v
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local format, tostring, select, pcall = string.format, tostring, select, pcall
local log = {}

local function emit(level, fmt, ...)
  if select("#", ...) == 0 then return host.log(level, tostring(fmt)) end
  local ok, text = pcall(format, fmt, ...)
  -- Raised at the recipe line that called omneo.log.<level>.
  if not ok then raise("omneo.log." .. level .. ": " .. text) end
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
