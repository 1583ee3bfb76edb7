// A state a batch reports after `pending` and before its end, and for how long: `--batch-states "processing=100"`.
import OmneoModel

public struct BatchPhase: Sendable, Equatable, CustomStringConvertible {
    public var state: String
    public var duration: Duration
    /// The state also holds until this many polls have seen it (`STATE=MS/POLLS`), so a test can count on a
    /// client meeting it however late its first poll comes on a loaded machine.
    public var minimumPolls: Int

    public init(_ state: String, _ duration: Duration, minimumPolls: Int = 0) {
        self.state = state
        self.duration = duration
        self.minimumPolls = minimumPolls
    }

    /// The vendor documents no list of states (omneo-api.md, "Batches"), so by default a batch passes through
    /// `processing` on its way to the end, and a client that takes any non-pending state for done is caught.
    public static let harsh = [BatchPhase("processing", .milliseconds(100))]

    /// `STATE=MS` or `STATE=MS/POLLS` separated by commas, in the order a batch reports them; `none` (or nothing)
    /// for none.
    public static func list(parsing text: String) throws(SandboxConfigurationError) -> [BatchPhase] {
        let text = text.trimmingSpaces
        guard !text.isEmpty, text != "none" else { return [] }
        var phases: [BatchPhase] = []
        for part in text.split(separator: ",").map({ $0.trimmingSpaces }) where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            let timing = pair.count == 2 ? pair[1].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces } : []
            guard pair.count == 2, !pair[0].isEmpty, let milliseconds = Int(timing[0]), milliseconds >= 0,
                  let polls = timing.count == 2 ? Int(timing[1]) : 0, polls >= 0 else {
                throw SandboxConfigurationError("--batch-states: '\(part)' is not STATE=MS or STATE=MS/POLLS (e.g. processing=200)")
            }
            let state = pair[0].lowercased()
            if BatchProgress.finalStates.contains(state) || state == "pending" {
                throw SandboxConfigurationError("--batch-states: '\(state)' is where a batch starts or ends, not a state in between")
            }
            phases.append(BatchPhase(state, .milliseconds(milliseconds), minimumPolls: polls))
        }
        return phases
    }

    public var description: String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return minimumPolls == 0 ? "\(state)=\(milliseconds)" : "\(state)=\(milliseconds)/\(minimumPolls)"
    }
}

/// The states a batch ends in: `done`, or `allFailed` when every item failed (`--batch-end DONE[,ALLFAILED]`).
/// The vendor documents none (omneo-api.md, "Batches"): `success` and `failed` by default, and a switch so
/// tests can end batches in a synonym (`completed`), or in a word no client knows (`done`), which a client
/// must then take from the counts.
public struct BatchEnd: Sendable, Equatable {
    public var done: String
    public var allFailed: String

    public init(done: String = "success", allFailed: String = "failed") {
        self.done = done
        self.allFailed = allFailed
    }

    public static let vendor = BatchEnd()

    /// `DONE` or `DONE,ALLFAILED`; a single name serves both.
    public static func parsing(_ text: String) throws(SandboxConfigurationError) -> BatchEnd {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces.lowercased() }
        guard (1...2).contains(names.count), names.allSatisfy({ !$0.isEmpty && $0 != "pending" }) else {
            throw SandboxConfigurationError("--batch-end: '\(text)' is not DONE or DONE,ALLFAILED (e.g. completed,error)")
        }
        return BatchEnd(done: names[0], allFailed: names.count == 2 ? names[1] : names[0])
    }
}
