// Which tenant a run talks to, whatever it is called: its base URL and a salted fingerprint of its token
// (never the token). Two tenants under one name (OMNEO_BASE_URL pointed elsewhere, a new token) are two
// identities; the journal keys its lookup cache, `resume` and `undo` by this, never by the name.
public struct TenantIdentity: Sendable, Hashable {
    /// The name the run knew it by (`default` for OMNEO_BASE_URL + OMNEO_TOKEN): for messages only.
    public var name: String
    /// The API root without a trailing slash.
    public var baseURL: String
    /// Hex, from a salted hash of the token; equal only for the same token under the same salt.
    public var fingerprint: String

    public init(name: String, baseURL: String, fingerprint: String) {
        self.name = name
        self.baseURL = baseURL
        self.fingerprint = fingerprint
    }

    /// What the journal stores and compares: the name is left out, since renaming a tenant changes nothing.
    public var key: String { "\(baseURL) \(fingerprint)" }

    /// `acme (https://api.acme.getomneo.com/api)`.
    public var display: String { "\(name) (\(baseURL))" }

    /// Same base URL and token: the same tenant, under any name.
    public func isSameTenant(as other: TenantIdentity) -> Bool { key == other.key }
}
