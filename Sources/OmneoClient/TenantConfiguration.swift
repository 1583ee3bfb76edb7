// One tenant the client can talk to: where it is, the token, and the per-tenant defaults of the config file.
public import OmneoModel

public struct TenantConfiguration: Sendable {
    public var name: String
    /// The API root without a trailing slash, e.g. `https://api.acme.getomneo.com/api`.
    public var baseURL: String
    public var token: Secret
    public var tokenSource: TokenSource
    /// Requests per second from the config file; `ClientOptions.rate` (`--rate`) overrides it.
    public var rate: Double?
    /// Extra `require` folders (`lib`), with `~` already expanded.
    public var libraries: [String]
    /// Per-tenant defaults of recipe parameters (`[tenants.NAME.args]`).
    public var arguments: [String: String]

    public init(
        name: String,
        baseURL: String,
        token: Secret,
        tokenSource: TokenSource = .given,
        rate: Double? = nil,
        libraries: [String] = [],
        arguments: [String: String] = [:]
    ) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.tokenSource = tokenSource
        self.rate = rate
        self.libraries = libraries
        self.arguments = arguments
    }

    /// Who this tenant is, whatever it is called: base URL and the token's fingerprint under `salt`.
    public func identity(salt: String) -> TenantIdentity {
        TenantIdentity(name: name, baseURL: baseURL, fingerprint: token.fingerprint(salt: salt))
    }
}
