local omneo, host = ... -- glue(omneo, host) of omneo.json: JSON text <-> Lua values
local json = {}

--- Encodes a value as JSON text. Sequences become arrays, other tables objects with sorted
--- keys (an empty table is `{}`); integers stay integers. Raises on functions, NaN, cycles.
--- Example: `omneo.log.info(omneo.json.encode({ids = ids}))`
---@param value any
---@param opts? {pretty: boolean}  pretty=true indents with two spaces
---@return string
json.encode = host["omneo.json.encode"]

--- Decodes JSON text. `null` becomes nil (so it leaves a hole in arrays).
--- Example: `local data, err = omneo.json.decode(text)`
---@param text string
---@return any|nil value, string? err  "invalid JSON at line 1, column 5: ..."
json.decode = host["omneo.json.decode"]

omneo.json = json
