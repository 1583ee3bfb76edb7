// The tenants a user has: the TOML config file plus OMNEO_BASE_URL/OMNEO_TOKEN, and choosing one of them.
public import Foundation

public struct TenantDirectory: Sendable {
    static let environmentOrigin = "the environment"
    static let environmentTenant = "default"

    /// The config file that was read, or nil when there is none.
    public let path: String?
    /// Every declared tenant, by name.
    public let declarations: [TenantDeclaration]
    private let environment: [String: String]

    init(path: String?, declarations: [TenantDeclaration], environment: [String: String]) {
        self.path = path
        self.declarations = declarations.sorted { $0.name < $1.name }
        self.environment = environment
    }

    /// Reads `$OMNEO_CONFIG`, `$XDG_CONFIG_HOME/omneo/tenants.toml` or `~/.config/omneo/tenants.toml`,
    /// then adds tenant "default" from `OMNEO_BASE_URL` + `OMNEO_TOKEN` (it wins over a file's "default").
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TenantConfigurationError) -> TenantDirectory {
        var declarations: [TenantDeclaration] = []
        let path = try configPath(environment: environment)
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TenantConfigurationError("\(path): cannot read the tenants file")
            }
            declarations = try TenantFileParser(path: path, home: environment["HOME"]).parse(String(decoding: data, as: UTF8.self))
        }
        if let fromEnvironment = try environmentTenant(environment) {
            declarations.removeAll { $0.name == fromEnvironment.name }
            declarations.append(fromEnvironment)
        }
        return TenantDirectory(path: path, declarations: declarations, environment: environment)
    }

    public var names: [String] { declarations.map(\.name) }

    public func declaration(named name: String) -> TenantDeclaration? {
        declarations.first { $0.name == name }
    }

    /// `name` (from `--tenant`), else `$OMNEO_TENANT`, else the only tenant there is; its token read.
    public func select(name: String? = nil) throws(TenantConfigurationError) -> TenantConfiguration {
        let wanted = name ?? environment["OMNEO_TENANT"].flatMap { $0.isEmpty ? nil : $0 }
        if let wanted {
            guard let declaration = declaration(named: wanted) else {
                let known = names.isEmpty ? "no tenants are configured" : "known: \(names.joined(separator: ", "))"
                let via = name == nil ? " ($OMNEO_TENANT)" : ""
                throw TenantConfigurationError("unknown tenant '\(wanted)'\(via) in \(path ?? Self.environmentOrigin); \(known)")
            }
            return try declaration.resolve(environment: environment)
        }
        switch declarations.count {
        case 0:
            throw TenantConfigurationError(
                "no tenant configured: set OMNEO_BASE_URL and OMNEO_TOKEN, or declare one in \(path ?? Self.expectedPath(environment: environment)) "
                    + "(`omneo-run tenants` prints an example), or try a recipe on the built-in sandbox with --sandbox"
            )
        case 1:
            return try declarations[0].resolve(environment: environment)
        default:
            throw TenantConfigurationError(
                "\(declarations.count) tenants configured (\(names.joined(separator: ", "))): choose one with --tenant or $OMNEO_TENANT"
            )
        }
    }

    /// The file omneo-run reads tenants from, whether or not it exists yet: `$OMNEO_CONFIG`, else
    /// `$XDG_CONFIG_HOME/omneo/tenants.toml`, else `~/.config/omneo/tenants.toml` (with the real home).
    public static func expectedPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["OMNEO_CONFIG"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/omneo/tenants.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/omneo/tenants.toml" }
        return "~/.config/omneo/tenants.toml"
    }

    static func configPath(environment: [String: String]) throws(TenantConfigurationError) -> String? {
        if let explicit = environment["OMNEO_CONFIG"], !explicit.isEmpty {
            guard FileManager.default.isReadableFile(atPath: explicit) else {
                throw TenantConfigurationError("$OMNEO_CONFIG names \(explicit), which cannot be read")
            }
            return explicit
        }
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.config"
        } else {
            return nil
        }
        let candidate = base + "/omneo/tenants.toml"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    private static func environmentTenant(_ environment: [String: String]) throws(TenantConfigurationError) -> TenantDeclaration? {
        let baseURL = environment["OMNEO_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let hasToken = environment["OMNEO_TOKEN"].map { !$0.isEmpty } ?? false
        guard baseURL != nil || hasToken else { return nil }
        guard let baseURL else {
            throw TenantConfigurationError("OMNEO_TOKEN is set but OMNEO_BASE_URL is not: set both for tenant \"default\"")
        }
        if let problem = BaseURLCheck.problem(baseURL) {
            throw TenantConfigurationError("OMNEO_BASE_URL: \(problem)")
        }
        return TenantDeclaration(
            name: environmentTenant, baseURL: BaseURLCheck.normalized(baseURL), tokenSource: .environment("OMNEO_TOKEN"),
            rate: nil, libraries: [], arguments: [:], origin: environmentOrigin
        )
    }
}
