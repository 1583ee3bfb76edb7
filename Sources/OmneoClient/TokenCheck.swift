// The answer of `GET /v3/auth/verify`: the token works; its scopes when the tenant lists them.
public struct TokenCheck: Sendable, Hashable {
    public var scopes: [String]?

    public init(scopes: [String]?) {
        self.scopes = scopes
    }

    init(_ value: OmneoValue) {
        let object = value["data"] ?? value
        scopes = object["scopes"]?.arrayValue?.compactMap(\.stringValue)
    }
}
