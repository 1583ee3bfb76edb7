// `omneo-run tenants [--check]`: lists the configured tenants (never a token) and can verify each token.
import ArgumentParser
import Foundation
import Logging
import OmneoClient

struct TenantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenants",
        abstract: "List configured tenants (name, base URL, where the token comes from); --check verifies each token."
    )

    /// The contract's exit codes for this command: 2 configuration error, 3 the API refused.
    static let configurationError: Int32 = 2
    static let apiRefused: Int32 = 3

    @Flag(help: "Verify each tenant's token with GET /v3/auth/verify.")
    var check = false

    @Flag(name: .shortAndLong, help: "Verbose: log each request (token redacted).")
    var verbose = false

    func run() async throws {
        let directory: TenantDirectory
        do {
            directory = try TenantDirectory.load()
        } catch {
            Console.error("omneo-run: \(error)")
            // $OMNEO_CONFIG names a file not made yet: say what to put in it.
            if let named = ProcessInfo.processInfo.environment["OMNEO_CONFIG"], !named.isEmpty, !FileManager.default.fileExists(atPath: named) {
                Self.printExample(configFile: nil)
            }
            throw ExitCode(Self.configurationError)
        }
        guard !directory.declarations.isEmpty else {
            Self.printExample(configFile: directory.path)
            return
        }
        var worst: Int32 = 0
        let width = directory.declarations.map(\.name.count).max() ?? 0
        let urlWidth = directory.declarations.map(\.baseURL.count).max() ?? 0
        for declaration in directory.declarations {
            let line = pad(declaration.name, width) + "  " + pad(declaration.baseURL, urlWidth) + "  token: \(declaration.tokenSource)"
            let (state, code) = await status(of: declaration, directory: directory)
            Console.output(state.isEmpty ? line : "\(line)  \(state)")
            worst = max(worst, code)
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// "ok", or what is wrong, and the exit code it calls for.
    private func status(of declaration: TenantDeclaration, directory: TenantDirectory) async -> (String, Int32) {
        let tenant: TenantConfiguration
        do {
            tenant = try directory.select(name: declaration.name)
        } catch {
            return ("unusable: \(error)", Self.configurationError)
        }
        guard check else { return ("", 0) }
        var options = ClientOptions()
        options.maxAttempts = 3
        options.requestTimeout = 15
        let logger = ConsoleLogLines.logger(verbose: verbose)
        let client = OmneoClient(tenant: tenant, options: options, logger: logger)
        do {
            let answer = try await client.verifyToken()
            let scopes = answer.scopes.map { $0.isEmpty ? "" : " (\($0.sorted().joined(separator: ", ")))" } ?? ""
            await client.shutdown()
            return ("ok\(scopes)", 0)
        } catch {
            await client.shutdown()
            return ("failed: \(error)", Self.apiRefused)
        }
    }

    /// No tenant yet: a tenants.toml ready to fill in on stdout (so `> FILE` saves it), and on stderr where it
    /// goes and what else there is (one tenant from the environment, the built-in sandbox).
    static func printExample(configFile: String?) {
        let target = configFile ?? TenantDirectory.expectedPath()
        if let configFile {
            Console.error("no tenants configured: \(configFile) declares none. Add a section like this one to it:")
        } else {
            Console.error("no tenants configured yet. Save this as \(target) (or point $OMNEO_CONFIG at another file), with your tenant's address:")
        }
        Console.error("")
        Console.output(example)
        Console.error("")
        Console.error("then: export OMNEO_TOKEN_ACME=<the API token>   and check it: omneo-run tenants --check")
        Console.error("or, for one tenant without a file: export OMNEO_BASE_URL=https://api.acme.getomneo.com/api OMNEO_TOKEN=<the API token>")
        Console.error("no account yet? Any recipe runs on a built-in simulated tenant with --sandbox: omneo-run RECIPE.lua --sandbox")
    }

    /// The tenant a new user starts from (docs/client.md, "Tenants", has every key).
    static let example = """
        [tenants.acme]                                 # the name you pass to --tenant
        base_url  = "https://api.acme.getomneo.com/api" # your tenant's API address
        token_env = "OMNEO_TOKEN_ACME"                  # the environment variable that holds its token
        # rate    = 5                                   # requests per second (default 5)
        """

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
