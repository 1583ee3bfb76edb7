// A bearer token the sandbox accepts, with its scopes (verb-resource, as Omneo names them).
public struct SandboxToken: Sendable, Hashable {
    public var token: String
    public var scopes: Set<String>

    public init(token: String, scopes: Set<String>) {
        self.token = token
        self.scopes = scopes
    }

    public static let allScopes: Set<String> = [
        "read-profiles", "update-profiles", "create-profiles", "delete-profiles", "read-statuses",
    ]

    /// The demo tenant's tokens: one with every scope, one that can only read.
    public static let demoTokens = [
        SandboxToken(token: "sandbox-token", scopes: allScopes),
        SandboxToken(token: "sandbox-readonly", scopes: ["read-profiles", "read-statuses"]),
    ]
}
