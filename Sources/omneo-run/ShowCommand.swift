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

    @Argument(help: "The run's id (or the start of it) from `omneo-run runs`, or `last` (the newest run), `last~1` (the one before).")
    var id: String

    @Option(help: ArgumentHelp("How many failed rows to list.", valueName: "N"))
    var failures = 20

    @Flag(help: "The run as one JSON object.")
    var json = false

    func run() throws {
        let journal = try JournalAccess.open()
        let record = try JournalAccess.checked { try journal.run(id) }
        if json {
            Console.output(JournalAccess.json(record))
            return
        }
        let writes = try JournalAccess.checked { try journal.writes(runID: record.id) }
        let failed = try JournalAccess.checked {
            try journal.outcomes(runID: record.id, only: ["failed", "invalid", "not_found", "ambiguous"], limit: failures)
        }
        for line in Self.lines(record, writes: writes, failed: failed) { Console.output(line) }
    }

    static func lines(_ run: RunRecord, writes: [WriteRecord], failed: [[String?]]) -> [String] {
        var lines = ["run \(run.id)" + (run.kind == "undo" ? " (undo of \(run.undoOf ?? "?"))" : "")]
        lines.append("tenant: \(run.tenantDisplay)")
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
        }
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
        if !run.dryRun, run.resumable, writes.contains(where: { $0.operation.changesStatuses }) {
            lines.append("undo: omneo-run undo \(run.id) [--dry-run]")
        }
        return lines
    }
}
