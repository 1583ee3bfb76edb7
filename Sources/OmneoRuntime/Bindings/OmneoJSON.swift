// omneo.json.encode/decode: JSON text <-> Lua values.
import LuaHost
import OmneoModel

enum OmneoJSON: OmneoModule {
    static let names = ["omneo.json", "omneo.json.encode", "omneo.json.decode"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.json.encode": { call in
                let options = try call.isNil(2) ? LuaValue.nil : call.table(2)
                do {
                    let json = try call.value(1).jsonValue()
                    // Lua's floats keep their ".0" so they decode back as floats.
                    let bytes = json.serialized(pretty: options["pretty"].isTruthy, wholeFloats: .keepFraction)
                    try call.push(.string(LuaString(bytes: bytes)))
                } catch let failure as LuaCallError {
                    throw LuaCallError("omneo.json.encode: \(failure.message)")
                }
                return .values(1)
            },
            "omneo.json.decode": { call in
                do {
                    try call.push(JSONValue(parsing: call.bytes(1)).luaValue)
                    return .values(1)
                } catch let failure as JSONSyntaxError {
                    return call.failure(failure.description)
                }
            },
        ]
    }

    static let glue = #"""
    local omneo, host = ...
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
    """#
}
