// One run as the journal holds it, for `runs`, `show`, `resume` and `undo`.
import Foundation
public import OmneoModel
public struct RunRecord: Sendable {
    public var id: String
    public var kind: String
    /// The tenant's name when the run was made.
    public var tenant: String
    /// Nil for a run journaled before tenant identities (such a run is neither resumed nor undone).
    public var baseURL: String?
    /// `TenantIdentity.key`: base URL and token fingerprint.
    public var identity: String?
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
    /// The latest attempt's options, which a resume keeps unless given again.
    public var options = RunOptions()
    /// The fan-out this run was one tenant of, or nil.
    public var group: String?

    /// `acme (https://api.acme.getomneo.com/api)`, for messages.
    public var tenantDisplay: String { baseURL.map { "\(tenant) (\($0))" } ?? tenant }

    /// Why this run may not be resumed or undone through `current` (`verb`: "resumed", "undone"); nil when
    /// `current` is the very tenant the run was made on, whatever either is called.
    public func identityRefusal(_ current: TenantIdentity, verb: String) -> String? {
        guard let identity else {
            return "run \(id) was journaled before omneo-run recorded which tenant a run is on (base URL and token "
                + "fingerprint), so it cannot be shown to be \(current.display) and is not \(verb); run the recipe again instead"
        }
        guard identity != current.key else { return nil }
        let sameURL = baseURL == current.baseURL
        return "run \(id) was made on tenant \(tenantDisplay), but \(current.display) is "
            + (sameURL ? "reached with another token" : "another tenant")
            + "; it is not \(verb) there. Point OMNEO_BASE_URL/OMNEO_TOKEN (or the config's tenant \(tenant)) back at the run's tenant"
    }

    /// True when the run never recorded an end and its process is still an omneo-run on this machine.
    public var isRunning: Bool {
        guard endedAt == nil, let pid, pid > 0, kill(pid_t(pid), 0) == 0 || errno == EPERM else { return false }
        guard let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8) else { return true }
        return command.contains("omneo-run")
    }

    /// How it ended: `done`, `rows failed`, `error`, `refused`, `usage`, `stopped` (Ctrl-C, 130, or a first
    /// write not confirmed, 5), or `interrupted` when it never recorded an end (killed, or still running).
    public var state: String {
        guard let exitCode else { return isRunning ? "running" : "interrupted" }
        switch exitCode {
        case 0: return "done"
        case 1: return "error"
        case 2: return "usage"
        case 3: return "refused"
        case 4: return "rows failed"
        case 5, 130: return "stopped"
        default: return "exit \(exitCode)"
        }
    }
}

extension RunRecord {
    /// `2026-12-03 17:12:36 UTC`: a journaled time (seconds since 1970) as `runs`, `show` and the page show it.
    public static func shownTime(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds)) + " UTC"
    }
}
