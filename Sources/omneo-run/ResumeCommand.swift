// `omneo-run resume RUN`: runs the same recipe again as the same run, against the same tenant, with the
// same arguments: email answers are replayed from the journal and writes whose batch was accepted are
// not sent again, so it ends as an uninterrupted run would have.
import OmneoSession
import ArgumentParser
import Foundation
import OmneoJournal
import OmneoRuntime

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish a run that died or stopped halfway (same recipe, tenant and arguments).",
        discussion: """
            Runs with the run's own recipe parameters, tenant, dry-run setting and report file, and its --rate, \
            --concurrency, --cache-ttl, --resolve, --allow-read and --lib unless given again. Refused when the recipe \
            file changed since the run, unless --force (the file is then run as it is now).
            """
    )

    @Argument(help: "The run's id (or the start of it) from `omneo-run runs`, or `last` (the newest run), `last~1` (the one before).")
    var id: String

    @Flag(help: "Resume even though the recipe file changed since the run.")
    var force = false

    @Flag(name: [.customShort("y"), .long], help: "Do not ask before the first write (on a terminal, omneo-run asks; elsewhere it never does).")
    var yes = false

    @Option(help: ArgumentHelp("Requests per second (default: the run's own).", valueName: "R"))
    var rate: Double?

    @Option(help: ArgumentHelp("The most requests in flight at once (default: the run's own).", valueName: "N"))
    var concurrency: Int?

    @Option(name: .customLong("cache-ttl"), help: ArgumentHelp("Reuse email lookups younger than this (default: the run's own).", valueName: "AGE"))
    var cacheTTL: String?

    @Option(help: ArgumentHelp("How emails not yet resolved become profile ids (default: the run's own).", valueName: "auto|lookups|scan"))
    var resolve: String?

    @Option(name: .customLong("allow-read"), help: ArgumentHelp(
        "A folder omneo.csv may read from (repeatable; default: the run's own).", valueName: "DIR"), transform: RecipeFlags.readableFolder)
    var readableFolders: [String] = []

    @Option(name: .customLong("lib"), help: ArgumentHelp("Extra folder searched by require (repeatable; default: the run's own).", valueName: "DIR"))
    var libraries: [String] = []

    @Option(help: ArgumentHelp("Stop the recipe after this many seconds of wall-clock time.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Limit the recipe's Lua memory.", valueName: "MB"))
    var maxMemory: Int = 1024

    @Flag(name: .customLong("allow-purge"), help: "Let omneo.profiles.purge erase profiles for good (asked again on every resume).")
    var allowPurge = false

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    @Flag(name: .shortAndLong, help: "Quieter: only warnings and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Verbose: debug lines too, and every request.")
    var verbose = false

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of requests per second") }
        if let resolve, ResolvePlan(rawValue: resolve) == nil { throw ValidationError("--resolve expects auto, lookups or scan, got '\(resolve)'") }
        if let cacheTTL, TenantFlags.seconds(cacheTTL) == nil {
            throw ValidationError("--cache-ttl expects an age such as 24h, 30m, 90s or 0, got '\(cacheTTL)'")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
        if maxMemory <= 0 { throw ValidationError("--max-memory must be a positive number of megabytes") }
        if quiet && verbose { throw ValidationError("-q and -v cannot be used together") }
    }

    func run() async throws {
        let journal = try JournalAccess.open()
        let record = try JournalAccess.checked { try journal.run(id) }
        if let refusal = Self.refusal(record, force: force) {
            Console.error("omneo-run: \(refusal)")
            throw ExitCode(ExitStatus.usage)
        }
        let earlier = try JournalAccess.checked { try EarlierAttempts(journal: journal, runID: record.id) }
        // Relative paths in the run's arguments (CSV files) meant its working directory.
        if !record.directory.isEmpty, !FileManager.default.changeCurrentDirectoryPath(record.directory) {
            Console.error("omneo-run: cannot enter \(record.directory), the working directory of run \(record.id)")
            throw ExitCode(ExitStatus.usage)
        }
        let settings = settings(keeping: record.options)
        var options = RecipeOptions(recipePath: record.recipePath)
        options.runID = record.id
        options.arguments = record.arguments.map { (key: $0.first ?? "", value: $0.last ?? "") }
        options.dryRun = record.dryRun
        options.reportPath = record.reportPath
        options.libraryDirectories = settings.libraries + settings.environmentLibraries
        options.readableDirectories = settings.readableFolders
        options.stdlibDirectory = StdlibLocator.find()
        options.timeout = timeout
        options.maxMemoryMB = maxMemory
        options.verbosity = quiet ? .quiet : verbose ? .verbose : .normal
        options.log = { level, message in Console.error("\(level.rawValue): \(message)") }
        let execution = RecipeExecution(settings: settings, tenantName: record.tenant)
        throw ExitCode(await execution.run(options, resuming: (record, journal, earlier)))
    }

    /// The run's own pace, cache window and folders, each replaced by what is given again now.
    func settings(keeping kept: RunOptions) -> RunSettings {
        var settings = RunSettings()
        settings.rate = rate ?? kept.rate
        settings.concurrency = concurrency ?? kept.concurrency ?? settings.concurrency
        settings.cacheTTL = cacheTTL ?? kept.cacheTTL ?? settings.cacheTTL
        settings.resolve = (resolve ?? kept.resolve).flatMap(ResolvePlan.init(rawValue:)) ?? settings.resolve
        settings.readableFolders = readableFolders.isEmpty ? kept.allowRead ?? [] : readableFolders
        settings.libraries = libraries.isEmpty ? kept.libraries ?? [] : libraries
        settings.allowPurge = allowPurge
        settings.json = json
        settings.yes = yes
        settings.quiet = quiet
        settings.verbose = verbose
        return settings
    }

    /// Why this run cannot be resumed, or nil.
    static func refusal(_ run: RunRecord, force: Bool) -> String? {
        if run.kind == "undo" {
            return "run \(run.id) is an undo; run `omneo-run undo \(run.undoOf ?? "RUN")` again instead (it only changes what is not yet undone)"
        }
        if !run.resumable { return "run \(run.id) was against the built-in sandbox, which ended with it: there is nothing to resume" }
        if run.exitCode == 0 { return "run \(run.id) finished (exit 0): there is nothing to resume" }
        if run.isRunning { return "run \(run.id) is still running (process \(run.pid ?? 0)); stop it first, or wait for it to end" }
        guard let text = FileContents.read(run.recipePath) else {
            return "cannot read the recipe \(run.recipePath) of run \(run.id); put it back to resume"
        }
        if RunStart.hash(text) != run.recipeHash, !force {
            return "the recipe \(run.recipePath) changed since run \(run.id) (journal \(run.recipeHash), now \(RunStart.hash(text))); "
                + "restore it, or resume with --force to run it as it is now"
        }
        return nil
    }
}
