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
    @OptionGroup var page: HTMLPageFlags

    func run() async throws {
        if target.isFanOut {
            throw ExitCode(await FanOutExecution(recipe: recipe, flags: flags, target: target, page: page.requested ? page : nil).run())
        }
        var options = flags.options(recipe: recipe)
        options.runID = RunID.make()
        options.dryRun = target.dryRun
        var execution = RecipeExecution(settings: RunSettings(flags: flags, target: target), tenantName: target.tenant)
        execution.page = page.requested ? page : nil
        throw ExitCode(await execution.run(options, resuming: nil))
    }
}

/// A recipe run from the command line, new or resumed: tenant, client, journal, progress, summary, and the
/// operator's hold on it (the first line, the question before the first write, Ctrl-C).
struct RecipeExecution {
    let settings: RunSettings
    /// For `resume`: the tenant is the run's, never the sandbox.
    var tenantName: String?
    var control = RunControl()
    /// `--html`: the run's page, written from the journal once the run ended.
    var page: HTMLPageFlags?
    /// One tenant of a fan-out: its journal and group, its share of the live line, what the table shows.
    var member: FanOutMember?

    init(settings: RunSettings, tenantName: String?) {
        self.settings = settings
        self.tenantName = tenantName
    }

    /// Returns the exit code; `resuming` carries the journal's record of the run and its earlier attempts.
    func run(_ options: RecipeOptions, resuming: (run: RunRecord, journal: Journal, earlier: EarlierAttempts)?) async -> Int32 {
        var options = options
        // Lint first: a mistake that would stop the recipe at its line stops it before the tenant is asked anything.
        // (A fan-out linted once for all its tenants.)
        if member == nil, let stopped = RecipeRunner.lint(options) { return ExitStatus.report(stopped) }
        options.allowPurge = settings.allowPurge
        options.concurrency = settings.concurrency
        options.resolvePlan = settings.resolve
        var sandbox: SandboxServer?
        let tenant: TenantConfiguration?
        do {
            if settings.sandbox {
                let server = try await Self.startSandbox()
                sandbox = server
                tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret("sandbox-token"), rate: 20)
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
            // From here Ctrl-C stops the run at its next safe point, however early it comes.
            if member == nil {
                control.onSecondInterrupt(RunHeader.stopLines(runID: options.runID, resumable: !settings.sandbox, dryRun: options.dryRun))
                control.catchInterrupts()
            }
            // Where, before anything happens: the first line, before the journal and any request.
            let subject = resuming.map { "resuming run \($0.run.id) (attempt \($0.run.attempts + 1)): \(options.recipePath)" }
                ?? "run \(options.runID): \(options.recipePath)"
            Console.error(RunHeader.line(subject, tenant: tenant.name, baseURL: tenant.baseURL, sandbox: settings.sandbox, dryRun: options.dryRun))
            options.tenant = tenant.name
            options.defaultArguments = tenant.arguments
            options.libraryDirectories = settings.libraries + tenant.libraries + settings.environmentLibraries
            if resuming == nil { options.reportPath = settings.report ?? StateDirectory.report(runID: options.runID, tenant: tenant.name) }
            do {
                journaled = try journal(for: options, tenant: tenant, resuming: resuming)
            } catch {
                Console.error("omneo-run: \(error)")
                await sandbox?.shutdown()
                return ExitStatus.usage
            }
            options.journal = journaled
            client = makeClient(tenant)
            options.client = client
            if Console.isInteractive, !settings.yes, !settings.sandbox, !options.dryRun {
                let turn = member?.questions
                options.confirmation = WriteConfirmation { [control] question in
                    // In a fan-out the tenants' questions come one at a time.
                    guard let turn else { return await control.ask(question) }
                    return await turn.inTurn { await control.ask(question) }
                }
            }
        } else {
            options.reportPath = settings.report
        }
        let ticker = member != nil ? nil : client.flatMap { settings.json || settings.quiet ? nil : ProgressTicker.start(progress: options.progress, client: $0) }
        if let client { member?.started(runID: options.runID, progress: options.progress, client: client) }
        let result = await RecipeRunner.execute(options)
        member?.finished(result.summary)
        ticker?.stop()
        await client?.shutdown()
        await sandbox?.shutdown()
        if let client, let journaled { RunPageJournal.recordTimeline(client, journaled) }
        return end(result, journaled: journaled, dryRun: options.dryRun)
    }

    /// The tenant's client, on the run's stop switch; `-v` says the pace it keeps.
    private func makeClient(_ tenant: TenantConfiguration) -> OmneoClient {
        let client = OmneoClient(
            tenant: tenant, options: ClientOptions(rate: settings.rate),
            logger: ConsoleLogLines.logger(verbose: settings.verbose), stopSwitch: control.stopSwitch
        )
        let rate = client.options.rate ?? ClientOptions.defaultRate
        client.note("pace: \(rate == rate.rounded() ? String(Int(rate)) : String(rate)) requests/s, at most \(settings.concurrency) in flight; "
            + "email lookups reused when younger than \(settings.sandbox ? "0 (a new sandbox)" : settings.cacheTTL) (--cache-ttl)")
        return client
    }

    /// The summary, the journal's end of the run, and where to go next; returns the exit code.
    private func end(_ result: RecipeResult, journaled: RunJournal?, dryRun: Bool) -> Int32 {
        var code = ExitStatus.report(result, json: settings.json, quiet: settings.quiet)
        let stopped = code == ExitStatus.interrupted
        if stopped, control.declined { code = ExitStatus.declined }
        guard let journaled else {
            if page != nil { Console.error("omneo-run: --html: no page, as this run talked to no tenant and so has no journal (give --tenant or --sandbox)") }
            return code
        }
        do {
            try journaled.journal.end(runID: journaled.runID, exitCode: Int(code), error: result.outcome.message)
        } catch {
            Console.error("omneo-run: \(error)")
        }
        if let page { RunPageJournal.writePage(page, journaled) }
        if stopped {
            // Said whatever -q and --json ask: the operator stopped it and needs the way back.
            for line in RunHeader.stopLines(runID: journaled.runID, resumable: !settings.sandbox, dryRun: dryRun) { Console.error(line) }
        } else if !settings.json, !settings.quiet, !dryRun {
            // A usage error (the --arg values) is fixed by running again, not by resuming with the same values.
            let resume = code == ExitStatus.done || code == ExitStatus.usage || settings.sandbox ? "" : ", `omneo-run resume \(journaled.runID)`"
            Console.error("journal: `omneo-run show \(journaled.runID)`" + resume)
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
            let attempt = try resuming.journal.beginAttempt(runID: resuming.run.id, recipeText: text, options: settings.journalOptions)
            return RunJournal(
                journal: resuming.journal, runID: resuming.run.id, attempt: attempt, tenant: identity,
                cacheTTL: settings.cacheSeconds, earlier: resuming.earlier
            )
        }
        let journal = try member?.journal ?? Journal.open(path: StateDirectory.journal)
        let identity = tenant.identity(salt: journal.salt)
        var start = RunStart(id: options.runID, tenant: identity, recipePath: Self.absolute(options.recipePath), recipeText: text)
        start.resumable = !settings.sandbox
        start.options = settings.journalOptions
        start.directory = FileManager.default.currentDirectoryPath
        start.arguments = options.arguments.map { [$0.key, $0.value] }
        start.dryRun = options.dryRun
        start.reportPath = options.reportPath
        start.group = member?.group
        try journal.begin(start)
        // A built-in sandbox is new each run: nothing an earlier run learnt of it holds.
        return RunJournal(journal: journal, runID: options.runID, tenant: identity, cacheTTL: settings.sandbox ? 0 : settings.cacheSeconds)
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
