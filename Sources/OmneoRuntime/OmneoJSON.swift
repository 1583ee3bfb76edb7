// omneo.json.encode/decode: JSON text <-> Lua values.
import LuaHost

enum OmneoJSON: OmneoModule {
    static let names = ["omneo.json", "omneo.json.encode", "omneo.json.decode"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.json.encode": { call in
                let options = try call.isNil(2) ? LuaValue.nil : call.table(2)
                do {
                    let bytes = try JSONCodec.encode(call.value(1), pretty: options["pretty"].isTruthy)
                    try call.push(.string(LuaString(bytes: bytes)))
                } catch let failure as JSONCodec.Failure {
                    throw LuaCallError("omneo.json.encode: \(failure.description)")
                }
                return .values(1)
            },
            "omneo.json.decode": { call in
                do {
                    try call.push(JSONCodec.decode(call.bytes(1)))
                    return .values(1)
                } catch let failure as JSONCodec.Failure {
                    return call.failure(failure.description)
                }
            },
        ]
    }

    static let glue = EmbeddedLua.omneoJson
}
