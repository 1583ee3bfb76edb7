// A tenant as the config declares it, before its token is read: what `omneo-run tenants` lists.
import Foundation

public struct TenantDeclaration: Sendable {
    public var name: String
    public var baseURL: String
    public var tokenSource: TokenSource
    public var rate: Double?
    public var libraries: [String]
    public var arguments: [String: String]
    /// The config file that declares it, or "the environment" for OMNEO_BASE_URL + OMNEO_TOKEN.
    public var origin: String

    /// Reads the token and gives the tenant the client needs; throws when the token is missing or unsafe.
    public func resolve(environment: [String: String]) throws(TenantConfigurationError) -> TenantConfiguration {
        TenantConfiguration(
            name: name,
            baseURL: baseURL,
            token: try token(environment: environment),
            tokenSource: tokenSource,
            rate: rate,
            libraries: libraries,
            arguments: arguments
        )
    }

    private func token(environment: [String: String]) throws(TenantConfigurationError) -> Secret {
        switch tokenSource {
        case .environment(let variable):
            guard let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                let key = origin == TenantDirectory.environmentOrigin ? "" : " (token_env of tenants.\(name) in \(origin))"
                throw TenantConfigurationError("tenant '\(name)': $\(variable) is not set\(key)")
            }
            return Secret(value)
        case .file(let path):
            return try TokenFile.read(path, key: "tenants.\(name).token_file", origin: origin)
        case .given:
            throw TenantConfigurationError("tenant '\(name)': no token")
        }
    }
}
