// `omneo-run undo RUN`: puts the statuses, identities and custom attributes a run wrote back as they were
// before it, and nothing else.
import OmneoSession
import ArgumentParser
import Foundation
import OmneoClient
import OmneoJournal
import OmneoRuntime

struct UndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo a run's status changes (remove the handles it added, re-add those it removed), and its identity and custom attribute changes.",
        discussion: """
            Only the handles the run wrote, only on the profiles it wrote them to, and only where the profile \
            did not (or did) hold them before the run. Profile creates, updates and deletes are not undone. \
            The undo is itself a run in the journal: undoing it applies the original change again.
            """
    )

    @Argument(help: "The run's id (or the start of it) from `omneo-run runs`, or `last` (the newest run), `last~1` (the one before), or a fan-out's group id (g...): all its runs.")
    var id: String

    @Flag(name: .customLong("dry-run"), help: "Read the profiles and print what would change; send no write.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .long], help: "Do not ask before the first write (on a terminal, omneo-run asks; elsewhere it never does).")
    var yes = false

    @Option(help: ArgumentHelp("The most requests in flight at once (below it, sized to the tenant).", valueName: "N"))
    var concurrency = 64

    @Option(help: ArgumentHelp("Requests per second (overrides the config).", valueName: "R"))
    var rate: Double?

    @Flag(name: .shortAndLong, help: "Only warnings and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log each request.")
    var verbose = false

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1 (got \(concurrency))") }
        if let rate, let problem = ClientOptions.rateProblem(rate) { throw ValidationError("--rate \(problem) (got \(CommandLineArguments.shown(rate)))") }
    }

    func run() async throws {
        let journal = try JournalAccess.open()
        if Journal.isGroupReference(id) {
            let runs = try JournalAccess.checked { try journal.runs(group: id) }
            if !runs.isEmpty { throw ExitCode(try await undoGroup(runs, journal: journal)) }
        }
        let original = try JournalAccess.checked { try journal.run(id) }
        throw ExitCode(try await undo(original, journal: journal, asking: true))
    }

    /// Undoes one run; `asking`: its own question before the first write (a group asked once for all).
    func undo(_ original: RunRecord, journal: Journal, asking: Bool) async throws -> Int32 {
        if original.isRunning { throw fail("run \(original.id) is still running (process \(original.pid ?? 0)); stop it first, or wait for it to end") }
        if original.dryRun { throw fail("run \(original.id) was a dry run: it changed nothing, there is nothing to undo") }
        if !original.resumable { throw fail("run \(original.id) was against the built-in sandbox, which ended with it: there is nothing to undo") }
        let tenant: TenantConfiguration
        do {
            guard let configured = try RecipeExecution.configuredTenant(named: original.tenant) else {
                throw fail("tenant \(original.tenant) of run \(original.id) is not configured here")
            }
            tenant = configured
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
        // The run's own tenant or none, whatever the name points at now.
        let identity = tenant.identity(salt: journal.salt)
        if let refusal = original.identityRefusal(identity, verb: "undone") { throw fail(refusal) }
        let undoID = RunID.make()
        Console.error(RunHeader.line("undo of run \(original.id) (run \(undoID))", tenant: tenant.name, baseURL: tenant.baseURL, dryRun: dryRun))
        var start = RunStart(id: undoID, tenant: identity, recipePath: "undo of \(original.id)", recipeText: [])
        start.kind = .undo
        start.undoOf = original.id
        start.dryRun = dryRun
        start.reportPath = StateDirectory.report(runID: undoID, tenant: tenant.name)
        try JournalAccess.checked { try journal.begin(start) }
        let runJournal = RunJournal(journal: journal, runID: undoID, tenant: identity, cacheTTL: 0)
        let control = RunControl()
        let client = OmneoClient(
            tenant: tenant, options: ClientOptions(rate: rate), logger: ConsoleLogLines.logger(verbose: verbose), stopSwitch: control.stopSwitch
        )
        var settings = RunUndo.Settings()
        settings.dryRun = dryRun
        settings.concurrency = concurrency
        if asking, Console.isInteractive, !yes, !dryRun {
            settings.confirmation = WriteConfirmation { [control] question in await control.ask(question) }
        }
        let stopLines = Self.stopLines(original: original.id, undoID: undoID, dryRun: dryRun)
        control.onSecondInterrupt(stopLines)
        control.catchInterrupts()
        let report = RunReport(path: start.reportPath, dryRun: dryRun, journal: runJournal)
        let ticker = quiet ? nil : ProgressTicker.start(progress: settings.progress, client: client)
        let code: Int32
        var message: String?
        do {
            let result = try await RunUndo.execute(of: original.id, journal: runJournal, client: client, settings: settings, report: report)
            ticker?.stop()
            for line in Self.summary(result, original: original.id, undoID: undoID, dryRun: dryRun, report: report) { Console.error(line) }
            let failed = result.failures.count + result.identities.failures.count + result.attributes.failures.count
            code = failed == 0 ? ExitStatus.done : ExitStatus.rowsFailed
        } catch let error as OmneoClientError {
            ticker?.stop()
            message = error.description
            Console.error("omneo-run: \(error.description)")
            code = ExitStatus.refused
        } catch let stopped as SendingStopped {
            ticker?.stop()
            message = control.stopSwitch.reason ?? stopped.reason
            Console.error("omneo-run: stopped: \(message ?? "")")
            for line in stopLines { Console.error(line) }
            code = control.declined ? ExitStatus.declined : ExitStatus.interrupted
        } catch {
            ticker?.stop()
            message = "\(error)"
            Console.error("omneo-run: \(error)")
            code = ExitStatus.recipeError
        }
        report.close()
        await client.shutdown()
        RunPageJournal.recordTimeline(client, runJournal)
        try JournalAccess.checked { try journal.end(runID: undoID, exitCode: Int(code), error: message) }
        return code
    }

    /// `20 profiles created and 0 updated by this run are not undone: undo takes back statuses, tags, identities and custom attributes, not creates or field updates`.
    static func notUndone(_ changes: ProfileChanges) -> [String] {
        func profiles(_ count: Int) -> String { "\(count) profile\(count == 1 ? "" : "s")" }
        var lines: [String] = []
        if changes.created > 0 || changes.updated > 0 {
            lines.append("\(profiles(changes.created)) created and \(changes.updated) updated by this run are not undone: undo takes back statuses, tags, identities and custom attributes, not creates or field updates")
        }
        if changes.deleted > 0 {
            lines.append("\(profiles(changes.deleted)) deleted or purged by this run cannot be brought back: the API has no way to")
        }
        return lines
    }

    /// `put back 3 identities`, `1 identity left as it is: changed since the run (see the report)`.
    static func identityLines(_ result: RunUndo.IdentityResult, dryRun: Bool) -> [String] {
        fieldLines(result, dryRun: dryRun, kind: "identities") { "\($0) identit\($0 == 1 ? "y" : "ies")" }
    }

    /// `put back 3 custom attributes`, `1 custom attribute left as it is: changed since the run (see the report)`.
    static func attributeLines(_ result: RunUndo.AttributeResult, dryRun: Bool) -> [String] {
        fieldLines(result, dryRun: dryRun, kind: "attributes") { "\($0) custom attribute\($0 == 1 ? "" : "s")" }
    }

    /// The summary of one kind of field undo: `counted(3)` words a count (`3 identities`), `kind` the
    /// profiles' lost fields (`identities`).
    private static func fieldLines(_ result: RunUndo.FieldResult, dryRun: Bool, kind: String, counted: (Int) -> String) -> [String] {
        var lines: [String] = []
        if !result.restored.isEmpty { lines.append((dryRun ? "would put back " : "put back ") + counted(result.restored.count)) }
        if result.unchanged > 0 { lines.append("\(counted(result.unchanged)) already as before the run") }
        if !result.changedSince.isEmpty {
            lines.append("\(counted(result.changedSince.count)) left as \(result.changedSince.count == 1 ? "it is" : "they are"): changed since the run (see the report)")
        }
        if !result.missing.isEmpty { lines.append("\(result.missing.count) profile(s) with \(kind) no longer exist") }
        if !result.failures.isEmpty { lines.append("\(counted(result.failures.count)) could not be put back; see the report") }
        return lines
    }

    /// After a stop: how to finish the undo (an undo is not resumed: it is run again) and how to take back
    /// what it did.
    static func stopLines(original: String, undoID: String, dryRun: Bool) -> [String] {
        var lines = ["undo run \(undoID) stopped before its next request; the journal holds everything it sent",
                     "finish: omneo-run undo \(original) (it changes only what is not yet undone)"]
        if !dryRun { lines.append("undo: omneo-run undo \(undoID)") }
        return lines
    }

    private func fail(_ message: String) -> ExitCode {
        Console.error("omneo-run: \(message)")
        return ExitCode(ExitStatus.usage)
    }

    static func summary(_ result: RunUndo.Result, original: String, undoID: String, dryRun: Bool, report: RunReport) -> [String] {
        func perHandle(_ changes: [String: [String]]) -> String {
            var counts: [String: Int] = [:]
            for handles in changes.values { for handle in handles { counts[handle, default: 0] += 1 } }
            return counts.sorted { $0.key < $1.key }.map { "'\($0.key)' on \($0.value) profile\($0.value == 1 ? "" : "s")" }.joined(separator: ", ")
        }
        var lines = ["\(dryRun ? "dry run: " : "")undo of run \(original) (run \(undoID))"]
        if result.removed.isEmpty && result.readded.isEmpty && result.identities.restored.isEmpty && result.attributes.restored.isEmpty
            && result.tagsRemoved.isEmpty && result.tagsReadded.isEmpty {
            lines.append("nothing to change: every profile the run wrote to is as it was before")
        }
        if !result.removed.isEmpty { lines.append((dryRun ? "would remove " : "removed ") + perHandle(result.removed)) }
        if !result.readded.isEmpty { lines.append((dryRun ? "would re-add " : "re-added ") + perHandle(result.readded)) }
        if !result.tagsRemoved.isEmpty { lines.append((dryRun ? "would remove tag " : "removed tag ") + perHandle(result.tagsRemoved)) }
        if !result.tagsReadded.isEmpty { lines.append((dryRun ? "would re-add tag " : "re-added tag ") + perHandle(result.tagsReadded)) }
        if result.unchanged > 0 { lines.append("\(result.unchanged) profile\(result.unchanged == 1 ? "" : "s") already as before the run") }
        if !result.missing.isEmpty { lines.append("\(result.missing.count) profile(s) no longer exist") }
        if !result.unknownBefore.isEmpty {
            lines.append("\(result.unknownBefore.count) profile(s) left as they are: their statuses before the run were not recorded")
        }
        lines += Self.identityLines(result.identities, dryRun: dryRun)
        lines += Self.attributeLines(result.attributes, dryRun: dryRun)
        lines += Self.notUndone(result.profileChanges)
        if !result.failures.isEmpty { lines.append("\(result.failures.count) profile(s) failed; see the report") }
        lines.append("\(result.requests) request\(result.requests == 1 ? "" : "s")")
        if report.wroteFile, let path = report.path { lines.append("report: \(path)") }
        if !dryRun { lines.append("journal: `omneo-run undo \(undoID)` applies the original change again") }
        return lines
    }
}
