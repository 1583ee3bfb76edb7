// The answer of `GET /v3/auth/verify`: the token works; its scopes when the tenant lists them.
import OmneoModel
public struct TokenCheck: Sendable, Hashable {
    public var scopes: [String]?

    public init(scopes: [String]?) {
        self.scopes = scopes
    }

    init(_ value: JSONValue) {
        let object = value["data"] ?? value
        scopes = object["scopes"]?.arrayValue?.compactMap(\.stringValue)
    }
}
