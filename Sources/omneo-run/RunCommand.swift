// `omneo-run [run] RECIPE.lua`: runs one recipe against its tenant and exits with the contract's code.
import ArgumentParser
import Foundation
import OmneoClient
import OmneoRuntime
import OmneoSandbox

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe (the default command: `omneo-run RECIPE.lua` is the same)."
    )

    @Argument(help: "The recipe to run.")
    var recipe: String

    @OptionGroup var flags: RecipeFlags
    @OptionGroup var target: TenantFlags

    func run() async throws {
        var options = flags.options(recipe: recipe)
        options.runID = RunID.make()
        options.dryRun = target.dryRun
        options.allowPurge = target.allowPurge
        options.concurrency = target.concurrency
        var sandbox: SandboxServer?
        let tenant: TenantConfiguration?
        do {
            if target.sandbox {
                let server = try await Self.startSandbox()
                sandbox = server
                tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret("sandbox-token"), rate: 20)
                options.log(.info, "sandbox tenant on \(server.baseURL) (demo data)")
            } else {
                tenant = try Self.configuredTenant(named: target.tenant)
            }
        } catch {
            Console.error("omneo-run: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        var client: OmneoClient?
        if let tenant {
            options.tenant = tenant.name
            options.defaultArguments = tenant.arguments
            options.libraryDirectories = flags.libraries + tenant.libraries + flags.environmentLibraries
            options.reportPath = target.report ?? StateDirectory.report(runID: options.runID)
            client = OmneoClient(
                tenant: tenant, options: ClientOptions(rate: target.rate),
                logger: ConsoleLogLines.logger(verbose: flags.verbose)
            )
            options.client = client
        } else {
            options.reportPath = target.report
        }
        let ticker = client.flatMap { target.json || flags.quiet ? nil : ProgressTicker.start(progress: options.progress, client: $0) }
        let result = await RecipeRunner.execute(options)
        ticker?.stop()
        await client?.shutdown()
        await sandbox?.shutdown()
        throw ExitCode(ExitStatus.report(result, json: target.json, quiet: flags.quiet))
    }

    /// No config and no environment: nil (a recipe that only reads files still runs); a broken config throws.
    static func configuredTenant(named name: String?) throws -> TenantConfiguration? {
        let directory = try TenantDirectory.load()
        if name == nil, directory.declarations.isEmpty, ProcessInfo.processInfo.environment["OMNEO_TENANT", default: ""].isEmpty {
            return nil
        }
        return try directory.select(name: name)
    }

    static func startSandbox() async throws -> SandboxServer {
        var configuration = try SandboxConfiguration.demo()
        configuration.rate = 25
        return try await SandboxServer.start(configuration)
    }
}
