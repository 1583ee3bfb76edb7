// `omneo-run [run] RECIPE.lua`: runs one recipe against its tenant and exits with the contract's code.
import OmneoSession
import ArgumentParser
import Foundation
import OmneoClient
import OmneoJournal
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
        throw ExitCode(await RecipeExecution(flags: flags, target: target).run(options, resuming: nil))
    }
}

/// A recipe run from the command line, new or resumed: tenant, client, journal, progress, summary.
struct RecipeExecution {
    let flags: RecipeFlags
    let target: TenantFlags
    /// For `resume`: the tenant is the run's, never the sandbox.
    var tenantName: String?

    init(flags: RecipeFlags, target: TenantFlags, tenantName: String? = nil) {
        self.flags = flags
        self.target = target
        self.tenantName = tenantName ?? target.tenant
    }

    /// Returns the exit code; `resuming` carries the journal's record of the run and its earlier attempts.
    func run(_ options: RecipeOptions, resuming: (run: RunRecord, journal: Journal, earlier: EarlierAttempts)?) async -> Int32 {
        var options = options
        // Lint first: a mistake that would stop the recipe at its line stops it before the tenant is asked anything.
        if let stopped = RecipeRunner.lint(options) { return ExitStatus.report(stopped) }
        options.allowPurge = target.allowPurge
        options.concurrency = target.concurrency
        options.resolvePlan = target.resolvePlan
        var sandbox: SandboxServer?
        let tenant: TenantConfiguration?
        do {
            if target.sandbox {
                let server = try await Self.startSandbox()
                sandbox = server
                tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret("sandbox-token"), rate: 20)
                options.log(.info, "sandbox tenant on \(server.baseURL) (demo data)")
            } else {
                tenant = try Self.configuredTenant(named: tenantName)
            }
        } catch {
            Console.error("omneo-run: \(error)")
            return ExitStatus.usage
        }
        var client: OmneoClient?
        var journaled: RunJournal?
        if let tenant {
            options.tenant = tenant.name
            options.defaultArguments = tenant.arguments
            options.libraryDirectories = flags.libraries + tenant.libraries + flags.environmentLibraries
            if resuming == nil { options.reportPath = target.report ?? StateDirectory.report(runID: options.runID, tenant: tenant.name) }
            do {
                journaled = try journal(for: options, tenant: tenant, resuming: resuming)
            } catch {
                Console.error("omneo-run: \(error)")
                await sandbox?.shutdown()
                return ExitStatus.usage
            }
            options.journal = journaled
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
        let code = ExitStatus.report(result, json: target.json, quiet: flags.quiet)
        if let journaled {
            do {
                try journaled.journal.end(runID: journaled.runID, exitCode: Int(code), error: result.outcome.message)
            } catch {
                Console.error("omneo-run: \(error)")
            }
            if !target.json, !flags.quiet, !options.dryRun {
                // A usage error (the --arg values) is fixed by running again, not by resuming with the same values.
                let resume = code == ExitStatus.done || code == ExitStatus.usage || target.sandbox ? "" : ", `omneo-run resume \(journaled.runID)`"
                Console.error("journal: `omneo-run show \(journaled.runID)`" + resume)
            }
        }
        return code
    }

    /// Opens the journal and records the run's start (or its next attempt).
    private func journal(
        for options: RecipeOptions, tenant: TenantConfiguration, resuming: (run: RunRecord, journal: Journal, earlier: EarlierAttempts)?
    ) throws -> RunJournal {
        let text = FileContents.read(options.recipePath) ?? []
        if let resuming {
            // The run's own tenant or none: the name alone may point somewhere else now.
            let identity = tenant.identity(salt: resuming.journal.salt)
            if let refusal = resuming.run.identityRefusal(identity, verb: "resumed") { throw UsageFailure(refusal) }
            let attempt = try resuming.journal.beginAttempt(runID: resuming.run.id, recipeText: text)
            return RunJournal(
                journal: resuming.journal, runID: resuming.run.id, attempt: attempt, tenant: identity,
                cacheTTL: target.cacheSeconds, earlier: resuming.earlier
            )
        }
        let journal = try Journal.open(path: StateDirectory.journal)
        let identity = tenant.identity(salt: journal.salt)
        var start = RunStart(id: options.runID, tenant: identity, recipePath: Self.absolute(options.recipePath), recipeText: text)
        start.resumable = !target.sandbox
        start.directory = FileManager.default.currentDirectoryPath
        start.arguments = options.arguments.map { [$0.key, $0.value] }
        start.dryRun = options.dryRun
        start.reportPath = options.reportPath
        try journal.begin(start)
        // A built-in sandbox is new each run: nothing an earlier run learnt of it holds.
        return RunJournal(journal: journal, runID: options.runID, tenant: identity, cacheTTL: target.sandbox ? 0 : target.cacheSeconds)
    }

    /// A refusal printed as it is (`omneo-run: ...`), exit 2.
    struct UsageFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
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
