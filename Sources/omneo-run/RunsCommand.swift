// `omneo-run runs`: the journal's runs, newest first, one a line, its id first.
import ArgumentParser
import Foundation
import OmneoJournal

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List journaled runs, newest first (id, tenant, recipe and arguments, when, how it ended, row outcomes).",
        discussion: """
            Runs against the built-in sandbox (--sandbox) are left out unless --all. --prune deletes the runs that \
            started before a date or age (with --tenant and --recipe, only theirs), their reports too, and prints \
            each; a run still going, or interrupted and still resumable, is kept.
            """
    )

    @Option(help: ArgumentHelp("Only this tenant's runs.", valueName: "NAME"))
    var tenant: String?

    @Option(help: ArgumentHelp("Only runs started since then: a date in UTC (2026-12-01, 2026-12-01 17:20) or an age (3d, 12h, 30m).", valueName: "WHEN"))
    var since: String?

    @Option(help: ArgumentHelp("Only runs of this recipe (its file name, with or without .lua, or its path).", valueName: "NAME"))
    var recipe: String?

    @Flag(help: "Include runs against the built-in sandbox (--sandbox).")
    var all = false

    @Option(help: ArgumentHelp("Only the runs of this fan-out (a recipe run on several tenants at once; its group id starts with g).", valueName: "GROUP"))
    var group: String?

    @Option(help: ArgumentHelp("Delete the runs started before this date or age (30d, 2026-11-01), and print what was removed.", valueName: "OLDER_THAN"))
    var prune: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many runs to list (default 20).", valueName: "N"))
    var limit: Int?

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        if let since, RunTime.parse(since) == nil { throw ValidationError(RunTime.expectation("--since", since)) }
        if let prune {
            if RunTime.parse(prune) == nil { throw ValidationError(RunTime.expectation("--prune", prune)) }
            if since != nil { throw ValidationError("--prune deletes runs older than its own date or age; --since cannot be given with it") }
            if limit != nil { throw ValidationError("--prune deletes every run older than its date or age; --limit cannot be given with it") }
        }
    }

    var filter: RunFilter {
        var filter = RunFilter()
        filter.tenant = tenant
        filter.since = since.flatMap { RunTime.parse($0) }
        filter.recipe = recipe.map { $0.contains("/") ? RecipeExecution.absolute($0) : $0 }
        filter.includeSandbox = all
        filter.group = group
        filter.limit = limit ?? 20
        return filter
    }

    func run() throws {
        let journal = try JournalAccess.open()
        if let prune, let cutoff = RunTime.parse(prune) { return try self.prune(journal, before: cutoff) }
        let runs = try JournalAccess.checked { try journal.runs(filter) }
        if runs.isEmpty, !json {
            Console.error("no runs in \(journal.path)" + (tenant.map { " for tenant \($0)" } ?? "") + (recipe.map { " of recipe \($0)" } ?? "")
                + (since.map { " since \($0)" } ?? "") + (group.map { " in group \($0)" } ?? "")
                + (all ? "" : " (runs against --sandbox are listed with --all)"))
        }
        for run in runs {
            let undo = try JournalAccess.checked { try journal.latestUndo(of: run.id) }
            Console.output(json ? JournalAccess.json(run, undo: undo) : JournalAccess.line(run, undo: undo))
        }
    }

    private func prune(_ journal: Journal, before cutoff: Double) throws {
        var filter = self.filter
        filter.before = cutoff
        filter.since = nil
        let pruning = try JournalAccess.checked { try journal.prune(filter) }
        var reports = 0
        for run in pruning.removed {
            // Only the reports omneo-run filed itself (named by tenant and run, or by run alone before that);
            // a --report FILE is the user's.
            let filed = [StateDirectory.report(runID: run.id, tenant: run.tenant), StateDirectory.report(runID: run.id, tenant: "")]
            if let report = run.reportPath, filed.contains(report), (try? FileManager.default.removeItem(atPath: report)) != nil {
                reports += 1
            }
            Console.output(json ? JournalAccess.json(run, undo: nil) : "removed " + JournalAccess.line(run, undo: nil))
        }
        for (run, reason) in pruning.kept where !json { Console.output("kept \(run.id): \(reason)") }
        guard !json else { return }
        let when = JournalAccess.time(cutoff)
        guard !pruning.removed.isEmpty else {
            Console.output("nothing pruned: no finished run started before \(when)" + (pruning.kept.isEmpty ? "" : " (\(pruning.kept.count) kept)"))
            return
        }
        // VACUUM holds the write lock while it rewrites the file: not while a run is recording.
        let running = try JournalAccess.checked { try journal.runs(RunFilter.everything) }.contains(where: \.isRunning)
        if !running { try? journal.compact() }
        let count = pruning.removed.count
        Console.output(
            "pruned \(count) run\(count == 1 ? "" : "s") started before \(when) (\(reports) report\(reports == 1 ? "" : "s") deleted); "
                + "the journal is \(String(format: "%.1f", Double(journal.fileSize) / 1_048_576)) MB"
                + (running ? " (compacted once no run is going)" : "")
        )
    }
}

/// What `runs`, `show`, `resume` and `undo` share: opening the journal and wording its runs.
enum JournalAccess {
    static func open() throws -> Journal {
        try checked { try Journal.open(path: StateDirectory.journal) }
    }

    /// A journal refusal becomes `omneo-run: message` and exit code 2.
    static func checked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.error("omneo-run: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    static func time(_ seconds: Double) -> String { RunRecord.shownTime(seconds) }

    static func recipeName(_ run: RunRecord) -> String {
        run.kind == "undo" ? "undo of \(run.undoOf ?? "?")" : (run.recipePath as NSString).lastPathComponent
    }

    /// `outcome n, outcome n` in a fixed order, most common first.
    static func counts(_ outcomes: [String: Int]) -> String {
        outcomes.isEmpty ? "no rows" : outcomes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func line(_ run: RunRecord, undo: RunRecord? = nil) -> String {
        var state = run.state
        if run.dryRun { state += " (dry run)" }
        if run.attempts > 1 { state += " after \(run.attempts) attempts" }
        if let undo { state += ", " + undone(undo) }
        let recipe = ([recipeName(run)] + arguments(run)).joined(separator: " ")
        return ([run.id, run.tenantDisplay, recipe, time(run.startedAt), state, counts(run.outcomes)] + (run.group.map { ["group \($0)"] } ?? []))
            .joined(separator: "  ")
    }

    /// `undone by ID`, or `undo ID interrupted` (`rows failed`, ...) when that undo did not end cleanly.
    static func undone(_ undo: RunRecord) -> String {
        undo.exitCode == 0 ? "undone by \(undo.id)" : "undo \(undo.id) \(undo.state)"
    }

    /// `status=vip`, `file='my list.csv'`: each --arg as it could be typed again.
    static func arguments(_ run: RunRecord) -> [String] {
        run.arguments.map { pair in
            let value = pair.last ?? ""
            let shown = value.isEmpty || value.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "'\(value.replacingOccurrences(of: "'", with: "'\\''"))'" : value
            return "\(pair.first ?? "")=\(shown)"
        }
    }

    static func json(_ run: RunRecord, undo: RunRecord? = nil) -> String {
        var object: [String: Any] = [
            "id": run.id, "kind": run.kind, "tenant": run.tenant, "base_url": run.baseURL ?? NSNull(), "recipe": run.recipePath, "recipe_hash": run.recipeHash,
            "dry_run": run.dryRun, "started_at": time(run.startedAt), "state": run.state, "attempts": run.attempts,
            "outcomes": run.outcomes, "arguments": Dictionary(run.arguments.map { ($0.first ?? "", $0.last ?? "") }, uniquingKeysWith: { $1 }),
        ]
        object["ended_at"] = run.endedAt.map(time)
        object["exit_code"] = run.exitCode
        object["undo_of"] = run.undoOf
        object["group"] = run.group
        object["report"] = run.reportPath
        object["error"] = run.error
        object["undone_by"] = undo?.id
        object["undo_state"] = undo?.state
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
