// tenants.toml and the environment: where the file is found, what a tenant needs, and which one is chosen.
import Foundation
import OmneoClient
import Testing

@Suite struct TenantDirectoryTests {
    /// A scratch home with `.config/omneo/tenants.toml` holding `toml`.
    private func home(_ toml: String?) throws -> String {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/.config/omneo", withIntermediateDirectories: true)
        if let toml { try toml.write(toFile: home + "/.config/omneo/tenants.toml", atomically: true, encoding: .utf8) }
        return home
    }

    private func tokenFile(in home: String, mode: Int16) throws -> String {
        let path = home + "/.config/omneo/acme.token"
        try "tok-from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    private let acme = """
        [tenants.acme]
        base_url  = "https://api.acme.getomneo.com/api/"
        token_env = "OMNEO_TOKEN_ACME"
        rate      = 7.5
        lib       = ["~/recipes-shared"]
        [tenants.acme.args]
        vip_status = "vip"
        min_followers = 10000

        [tenants.beta]
        base_url   = "https://api.beta.getomneo.com/api"
        token_file = "acme.token"
        """

    @Test func readsTheHomeConfigAndSelectsByName() throws {
        let home = try home(acme)
        _ = try tokenFile(in: home, mode: 0o600)
        let directory = try TenantDirectory.load(environment: ["HOME": home, "OMNEO_TOKEN_ACME": "tok-acme"])
        #expect(directory.path == home + "/.config/omneo/tenants.toml")
        #expect(directory.names == ["acme", "beta"])
        let acme = try directory.select(name: "acme")
        #expect(acme.baseURL == "https://api.acme.getomneo.com/api" && acme.token.reveal == "tok-acme" && acme.rate == 7.5)
        #expect(acme.libraries == [home + "/recipes-shared"] && acme.arguments == ["vip_status": "vip", "min_followers": "10000"])
        #expect(acme.tokenSource.description == "$OMNEO_TOKEN_ACME")
        let beta = try directory.select(name: "beta")
        #expect(beta.token.reveal == "tok-from-file" && beta.tokenSource == .file(home + "/.config/omneo/acme.token"))
    }

    @Test func choosesByEnvironmentOrTheOnlyOne() throws {
        let home = try home(acme)
        let environment = ["HOME": home, "OMNEO_TOKEN_ACME": "tok-acme"]
        let several = #expect(throws: TenantConfigurationError.self) { try TenantDirectory.load(environment: environment).select() }
        #expect(several?.description == "2 tenants configured (acme, beta): choose one with --tenant or $OMNEO_TENANT")
        #expect(try TenantDirectory.load(environment: environment.merging(["OMNEO_TENANT": "acme"]) { $1 }).select().name == "acme")
        let unknown = #expect(throws: TenantConfigurationError.self) { try TenantDirectory.load(environment: environment).select(name: "gamma") }
        #expect(unknown?.description.hasPrefix("unknown tenant 'gamma' in \(home)/.config/omneo/tenants.toml; known: acme, beta") == true)

        let bare = ["HOME": try self.home(nil), "OMNEO_BASE_URL": "http://127.0.0.1:9/api", "OMNEO_TOKEN": "tok-env"]
        let only = try TenantDirectory.load(environment: bare).select()
        #expect(only.name == "default" && only.token.reveal == "tok-env" && only.tokenSource == .environment("OMNEO_TOKEN"))
        let none = #expect(throws: TenantConfigurationError.self) { try TenantDirectory.load(environment: ["HOME": try self.home(nil)]).select() }
        #expect(none?.description.hasPrefix("no tenant configured: set OMNEO_BASE_URL and OMNEO_TOKEN") == true)
    }

    /// Where a first tenants.toml goes, and the file an empty `[tenants]` is reported in: the one really read.
    @Test func theFileNamedIsTheOneOmneoRunReads() throws {
        #expect(TenantDirectory.expectedPath(environment: ["HOME": "/h"]) == "/h/.config/omneo/tenants.toml")
        #expect(TenantDirectory.expectedPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/x"]) == "/x/omneo/tenants.toml")
        #expect(TenantDirectory.expectedPath(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "/x", "OMNEO_CONFIG": "/c.toml"]) == "/c.toml")
        let elsewhere = try home(nil) + "/elsewhere.toml"
        try "[tenants]\n".write(toFile: elsewhere, atomically: true, encoding: .utf8)
        let empty = #expect(throws: TenantConfigurationError.self) {
            try TenantDirectory.load(environment: ["HOME": try self.home(nil), "OMNEO_CONFIG": elsewhere]).select()
        }
        #expect(empty?.description.contains("declare one in \(elsewhere) ") == true, "\(String(describing: empty))")
    }

    @Test func explicitConfigAndXDGPaths() throws {
        let elsewhere = try home(acme) + "/.config/omneo/tenants.toml"
        let explicit = try TenantDirectory.load(environment: ["HOME": try home(nil), "OMNEO_CONFIG": elsewhere])
        #expect(explicit.path == elsewhere)
        let xdg = try home(acme)
        #expect(try TenantDirectory.load(environment: ["HOME": "/nonexistent", "XDG_CONFIG_HOME": xdg + "/.config"]).names == ["acme", "beta"])
        let missing = #expect(throws: TenantConfigurationError.self) {
            try TenantDirectory.load(environment: ["OMNEO_CONFIG": "/nonexistent/tenants.toml"])
        }
        #expect(missing?.description == "$OMNEO_CONFIG names /nonexistent/tenants.toml, which cannot be read")
    }

    @Test func aTokenFileOthersCanReadIsRefused() throws {
        let home = try home(acme)
        let path = try tokenFile(in: home, mode: 0o644)
        let directory = try TenantDirectory.load(environment: ["HOME": home])
        let error = #expect(throws: TenantConfigurationError.self) { try directory.select(name: "beta") }
        #expect(error?.description == """
            \(home)/.config/omneo/tenants.toml: tenants.beta.token_file: \(path) has mode 0644; \
            a token file must be mode 0600 (run: chmod 600 \(path))
            """)
        let unset = #expect(throws: TenantConfigurationError.self) { try directory.select(name: "acme") }
        #expect(unset?.description == "tenant 'acme': $OMNEO_TOKEN_ACME is not set (token_env of tenants.acme in \(home)/.config/omneo/tenants.toml)")
    }

    @Test(arguments: [
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken = \"abc\"", "tenants.a.token: never write the token in this file"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"", "tenants.a: needs token_env = \"VARIABLE\" or token_file = \"PATH\""),
        ("[tenants.a]\nbase_url = \"http://x.example/api\"\ntoken_env = \"T\"", "tenants.a.base_url: 'http://x.example/api' is plain http"),
        ("[tenants.a]\nbase-url = \"https://x.example/api\"\ntoken_env = \"T\"", "tenants.a: unknown key 'base-url'"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\nrate = -1", "tenants.a.rate must be a positive number of requests per second, from 0.01 to 10000 (got -1)"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\nrate = 1e-300", "tenants.a.rate must be a positive number"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\nrate = \"fast\"", "tenants.a.rate must be a number of requests per second (got \"fast\")"),
        ("[tenants.\"a b\"]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"", "tenants.\"a b\": a tenant's name may hold only letters, digits"),
        ("[tenants.\"\"]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"", "tenants.\"\": a tenant's name may hold only"),
        ("[tenants.a\nbase_url = 1", "line 1: "),
    ])
    func mistakesNameTheFileAndKey(_ toml: String, _ message: String) throws {
        let home = try home(toml)
        let error = #expect(throws: TenantConfigurationError.self) { try TenantDirectory.load(environment: ["HOME": home]) }
        #expect(error?.description.hasPrefix("\(home)/.config/omneo/tenants.toml: \(message)") == true, "\(String(describing: error))")
    }
}
