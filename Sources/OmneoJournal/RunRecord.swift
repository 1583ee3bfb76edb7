// One run as the journal holds it, for `runs`, `show`, `resume` and `undo`.
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
    /// Row outcomes and how many rows had each.
    public var outcomes: [String: Int] = [:]

    /// How it ended: `done`, `rows failed`, `error`, `refused`, `usage`, or `interrupted` when it never
    /// recorded an end (killed, or still running).
    public var state: String {
        guard let exitCode else { return "interrupted" }
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
