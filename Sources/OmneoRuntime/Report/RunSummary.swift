// The end of a run in numbers: outcomes per row, requests, retries, time, the report, a dry run's plan.
import OmneoModel
import LuaHost

public struct RunSummary: Sendable {
    /// How the run ended: one that did not finish never says "done".
    public enum Ending: String, Sendable {
        /// The recipe ran to its end.
        case done
        /// The recipe raised, could not start, or its parameters were wrong.
        case failed
        /// A limit (--timeout, --max-memory) or the tenant (refused, unreachable) stopped it.
        case stopped
    }

    public var ending = Ending.done
    public var runID = ""
    public var tenant: String?
    public var dryRun = false
    public var elapsed = 0.0
    public var outcomes: [String: Int] = [:]
    public var rows = 0
    public var requests = 0
    public var retries = 0
    public var reportPath: String?
    /// Dry run: one line per status handle, what would change.
    public var plan: [String] = []
    /// The journal could not take the last row outcomes (the CSV report has them).
    public var journalProblem: String?
    /// Stopped before its end (Ctrl-C, a declined confirmation): the counts are what it got to.
    public var stopped = false

    public init() {}

    /// `failed` and `conflict` rows (a profile someone else kept changing was not written): the run exits 4.
    public var failedRows: Int { outcomes["failed", default: 0] + outcomes["conflict", default: 0] }

    /// What a person reads on stderr at the end of a run.
    public var lines: [String] {
        var lines: [String] = []
        let counts = RunReport.outcomes.compactMap { outcome in outcomes[outcome].map { "\(outcome) \($0)" } }
        let seconds = (elapsed * 10).rounded() / 10
        let ended = stopped ? "stopped after" : ending == .done ? "done in" : "\(ending.rawValue) after"
        var head = "\(dryRun ? "dry run " : "")\(ended) \(seconds) s"
        if rows > 0 { head += ": \(rows) row\(rows == 1 ? "" : "s") (" + counts.joined(separator: ", ") + ")" }
        lines.append(head)
        if let tenant { lines.append("tenant \(tenant): \(requests) request\(requests == 1 ? "" : "s"), \(retries) retr\(retries == 1 ? "y" : "ies")") }
        if dryRun, stopped {
            lines.append("dry run: stopped before the plan was complete; nothing was sent")
        } else if dryRun {
            let nothing = ending == .done ? "dry run: nothing would change; nothing was sent" : "dry run: nothing was sent"
            lines += plan.isEmpty ? [nothing] : plan.map { "dry run: \($0)" } + ["dry run: nothing was sent"]
        }
        if let reportPath { lines.append("report: \(reportPath)") }
        if let journalProblem { lines.append("warning: \(journalProblem)") }
        return lines
    }

    /// The same as JSON, for `--json`.
    public var json: String {
        var fields: [String: JSONValue] = [
            "run_id": .string(runID), "ended": .string(ending.rawValue), "dry_run": .bool(dryRun), "elapsed_s": .float(elapsed),
            "rows": .integer(Int64(rows)), "outcomes": .object(outcomes.mapValues { .integer(Int64($0)) }),
            "requests": .integer(Int64(requests)), "retries": .integer(Int64(retries)),
        ]
        fields["tenant"] = tenant.map { .string($0) }
        fields["report"] = reportPath.map { .string($0) }
        if dryRun { fields["plan"] = .array(plan.map { .string($0) }) }
        let bytes = JSONValue.object(fields).serialized(wholeFloats: .keepFraction)
        return String(decoding: bytes, as: UTF8.self)
    }
}
