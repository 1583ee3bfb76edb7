// One run as the journal holds it, for `runs`, `show`, `resume` and `undo`.
import Foundation
public struct RunRecord: Sendable {
    public var id: String
    public var kind: String
    public var tenant: String
    public var resumable: Bool
    public var recipePath: String
    public var directory: String
    public var recipeHash: String
    public var recipeText: [UInt8]
    public var arguments: [[String]]
    public var dryRun: Bool
    public var undoOf: String?
    public var reportPath: String?
    public var startedAt: Double
    public var endedAt: Double?
    public var exitCode: Int?
    public var error: String?
    public var attempts: Int
    /// The process of the latest attempt.
    public var pid: Int?
    /// Row outcomes and how many rows had each.
    public var outcomes: [String: Int] = [:]

    /// True when the run never recorded an end and its process is still an omneo-run on this machine.
    public var isRunning: Bool {
        guard endedAt == nil, let pid, pid > 0, kill(pid_t(pid), 0) == 0 || errno == EPERM else { return false }
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return true }
        return command.contains("omneo-run")
    }

    /// How it ended: `done`, `rows failed`, `error`, `refused`, `usage`, or `interrupted` when it never
    /// recorded an end (killed, or still running).
    public var state: String {
        guard let exitCode else { return isRunning ? "running" : "interrupted" }
        switch exitCode {
        case 0: return "done"
        case 1: return "error"
        case 2: return "usage"
        case 3: return "refused"
        case 4: return "rows failed"
        default: return "exit \(exitCode)"
        }
    }
}
