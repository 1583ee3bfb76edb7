// `omneo-run show RUN`: one journaled run: what ran, how it ended, its writes, its failures, its report.
import ArgumentParser
import Foundation
import OmneoJournal
import OmneoRuntime

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one journaled run: summary, writes, failed rows and where its report is."
    )

    @Argument(help: "The run's id (or the start of it) from `omneo-run runs`, or `last` (the newest run), `last~1` (the one before); several with --html (one page).")
    var ids: [String]

    /// The run shown (without --html, the only one given).
    var id: String { ids[0] }

    @OptionGroup var page: HTMLPageFlags

    @Option(parsing: .unconditional, help: ArgumentHelp("How many failed rows to list.", valueName: "N"))
    var failures = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("How many writes to list one by one (what each changed and how it ended).", valueName: "N"))
    var writes = 20

    @Flag(help: "The run as one JSON object.")
    var json = false

    func validate() throws {
        if failures < 0 { throw ValidationError("--failures must be 0 or more (got \(failures))") }
        if writes < 0 { throw ValidationError("--writes must be 0 or more (got \(writes))") }
        if ids.isEmpty { throw ValidationError("show needs a run id (from `omneo-run runs`), or `last`") }
        if ids.count > 1, !page.requested {
            throw ValidationError("show takes one run (got \(ids.count): \(ids.joined(separator: " "))); several runs make one page with --html")
        }
        if json, page.requested { throw ValidationError("--json and --html cannot be used together") }
    }

    func run() throws {
        let journal = try JournalAccess.open()
        if page.requested {
            var records: [RunRecord] = []
            for id in ids {
                let record = try JournalAccess.checked { try journal.run(id) }
                if !records.contains(where: { $0.id == record.id }) { records.append(record) }
            }
            let path = try JournalAccess.checked { try HTMLPageFlags.write(records, journal: journal, to: page.path(for: records)) }
            Console.output("page: \(path)")
            return
        }
        let record = try JournalAccess.checked { try journal.run(id) }
        let undo = try JournalAccess.checked { try journal.latestUndo(of: record.id) }
        let writes = try JournalAccess.checked { try journal.writes(runID: record.id) }
        if json {
            Console.output(Self.json(record, undo: undo, writes: writes))
            return
        }
        let failed = try JournalAccess.checked {
            try journal.outcomes(runID: record.id, only: ["failed", "invalid", "not_found", "ambiguous"], limit: failures)
        }
        for line in Self.lines(record, writes: writes, failed: failed, undo: undo, listed: self.writes) { Console.output(line) }
    }

    /// The run's JSON (as `runs --json` prints it) with its writes: what each asked for and how it ended.
    static func json(_ run: RunRecord, undo: RunRecord?, writes: [WriteRecord]) -> String {
        let listed: [[String: Any]] = writes.map { write in
            var object: [String: Any] = [
                "operation": write.operation.rawValue, "profiles": write.profileIDs.count, "change": write.change, "state": write.state.rawValue,
                "result": write.result, "failed": write.failures.count, "attempt": write.attempt,
            ]
            object["batch_id"] = write.batchID
            object["error"] = write.error
            return object
        }
        let text = JournalAccess.json(run, undo: undo)
        guard var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return text }
        object["writes"] = listed
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(text.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// One line per write, `listed` at most, numbered in the order they were recorded.
    static func writeLines(_ writes: [WriteRecord], listed: Int) -> [String] {
        var lines = writes.prefix(listed).enumerated().map { index, write in
            "  \(index + 1). \(write.change): \(write.result)" + (write.attempt > 1 ? " (attempt \(write.attempt))" : "")
        }
        if writes.count > listed {
            lines.append("  ... and \(writes.count - listed) more (`--writes \(writes.count)` lists them all)")
        }
        return lines
    }

    static func lines(_ run: RunRecord, writes: [WriteRecord], failed: [[String?]], undo: RunRecord? = nil, listed: Int = 20) -> [String] {
        var lines = ["run \(run.id)" + (run.kind == "undo" ? " (undo of \(run.undoOf ?? "?"))" : "")]
        lines.append("tenant: \(run.tenantDisplay)")
        if let group = run.group { lines.append("group: \(group), one tenant of a fan-out (`omneo-run runs --group \(group)`, `omneo-run undo \(group)`)") }
        if run.kind != "undo" {
            let now = FileContents.read(run.recipePath).map(RunStart.hash)
            let state = now == nil ? "file gone" : now == run.recipeHash ? "unchanged since" : "changed since"
            lines.append("recipe: \(run.recipePath) (\(state))")
        }
        if !run.arguments.isEmpty { lines.append("arguments: " + run.arguments.map { $0.joined(separator: "=") }.joined(separator: " ")) }
        if !run.options.flags.isEmpty { lines.append("options: " + run.options.flags.joined(separator: " ") + " (a resume keeps them unless given again)") }
        var ended = run.state
        if let exit = run.exitCode { ended += " (exit \(exit))" }
        if let end = run.endedAt { ended += ", \(String(format: "%.1f", end - run.startedAt)) s" }
        lines.append("started: \(JournalAccess.time(run.startedAt))\(run.dryRun ? ", dry run" : "")" + (run.attempts > 1 ? ", \(run.attempts) attempts" : ""))
        lines.append("ended: \(ended)")
        if let error = run.error { lines.append("error: \(error)") }
        lines.append("rows: " + JournalAccess.counts(run.outcomes))
        if !writes.isEmpty {
            var states: [String: Int] = [:]
            for write in writes { states[write.state.rawValue, default: 0] += 1 }
            let items = writes.reduce(0) { $0 + $1.failures.count }
            let ops = Set(writes.map(\.operation.rawValue)).sorted().joined(separator: ", ")
            lines.append("writes: \(writes.count) (\(ops)): " + JournalAccess.counts(states) + (items > 0 ? "; \(items) item\(items == 1 ? "" : "s") failed" : ""))
            lines += writeLines(writes, listed: listed)
        }
        if let undo { lines.append(JournalAccess.undone(undo) + " (`omneo-run show \(undo.id)`)") }
        if !failed.isEmpty {
            lines.append("rows that did not apply (first \(failed.count)):")
            for row in failed {
                lines.append("  \(row[2] ?? "")  \(row[0] ?? "")" + (row[1].map { "  \($0)" } ?? "") + (row[3].map { "  \($0)" } ?? ""))
            }
        }
        if let report = run.reportPath { lines.append("report: \(report)" + (FileManager.default.fileExists(atPath: report) ? "" : " (gone)")) }
        if run.exitCode == nil || (run.exitCode ?? 0) != 0, run.resumable, run.kind != "undo" {
            lines.append("resume: omneo-run resume \(run.id)")
        }
        if !run.dryRun, run.resumable, writes.contains(where: { $0.operation.changesStatuses || $0.operation.changesTags }) {
            lines.append("undo: omneo-run undo \(run.id) [--dry-run]")
        }
        return lines
    }
}
