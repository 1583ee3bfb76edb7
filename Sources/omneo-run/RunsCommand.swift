// `omneo-run runs`: the journal's runs, newest first, one a line, its id first.
import ArgumentParser
import Foundation
import OmneoJournal

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List journaled runs, newest first (id, tenant, recipe, when, how it ended, row outcomes)."
    )

    @Option(help: ArgumentHelp("Only this tenant's runs.", valueName: "NAME"))
    var tenant: String?

    @Option(help: ArgumentHelp("How many runs to list.", valueName: "N"))
    var limit = 20

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let journal = try JournalAccess.open()
        let runs = try JournalAccess.checked { try journal.runs(limit: limit, tenant: tenant) }
        if runs.isEmpty, !json {
            Console.error("no runs in \(journal.path) yet" + (tenant.map { " for tenant \($0)" } ?? ""))
        }
        for run in runs {
            Console.output(json ? JournalAccess.json(run) : JournalAccess.line(run))
        }
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

    static func time(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds)) + " UTC"
    }

    static func recipeName(_ run: RunRecord) -> String {
        run.kind == "undo" ? "undo of \(run.undoOf ?? "?")" : (run.recipePath as NSString).lastPathComponent
    }

    /// `outcome n, outcome n` in a fixed order, most common first.
    static func counts(_ outcomes: [String: Int]) -> String {
        outcomes.isEmpty ? "no rows" : outcomes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func line(_ run: RunRecord) -> String {
        var state = run.state
        if run.dryRun { state += " (dry run)" }
        if run.attempts > 1 { state += " after \(run.attempts) attempts" }
        return [run.id, run.tenantDisplay, recipeName(run), time(run.startedAt), state, counts(run.outcomes)].joined(separator: "  ")
    }

    static func json(_ run: RunRecord) -> String {
        var object: [String: Any] = [
            "id": run.id, "kind": run.kind, "tenant": run.tenant, "base_url": run.baseURL ?? NSNull(), "recipe": run.recipePath, "recipe_hash": run.recipeHash,
            "dry_run": run.dryRun, "started_at": time(run.startedAt), "state": run.state, "attempts": run.attempts,
            "outcomes": run.outcomes, "arguments": Dictionary(run.arguments.map { ($0.first ?? "", $0.last ?? "") }, uniquingKeysWith: { $1 }),
        ]
        object["ended_at"] = run.endedAt.map(time)
        object["exit_code"] = run.exitCode
        object["undo_of"] = run.undoOf
        object["report"] = run.reportPath
        object["error"] = run.error
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
