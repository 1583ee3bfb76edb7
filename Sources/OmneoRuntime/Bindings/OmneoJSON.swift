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
                    let json = try call.value(1).jsonValue(at: "", charging: call.memoryCharge)
                    // Lua's floats keep their ".0" so they decode back as floats.
                    let bytes = json.serialized(pretty: options["pretty"].isTruthy, wholeFloats: .keepFraction)
                    try call.memoryCharge(bytes.count)
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

    static let glue = EmbeddedLua.omneoJson
}
