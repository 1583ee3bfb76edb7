// One journaled run as the report page shows it: the run, every row, its writes and its timelines, all read
// from the journal (so the page of a run made months ago is the page it had).
public import OmneoJournal
import OmneoModel

public struct ReportPageRun: Sendable {
    public var run: RunRecord
    /// Every row outcome, in the order reported.
    public var rows: [OutcomeRow]
    public var writes: [WriteRecord]
    /// One per attempt that reached its end; empty for a run from before timelines were journaled.
    public var timelines: [RunTimeline]

    public init(run: RunRecord, rows: [OutcomeRow], writes: [WriteRecord], timelines: [RunTimeline]) {
        self.run = run
        self.rows = rows
        self.writes = writes
        self.timelines = timelines
    }

    /// Reads what the page needs of `run` from `journal`.
    public static func load(_ journal: Journal, run: RunRecord) throws(JournalError) -> ReportPageRun {
        ReportPageRun(
            run: run, rows: try journal.outcomeRows(runID: run.id), writes: try journal.writes(runID: run.id),
            timelines: try journal.timelines(runID: run.id)
        )
    }

    /// The outcomes the page lists row by row: the rows that did not apply.
    public static let problemOutcomes: Set<String> = ["failed", "not_found", "ambiguous", "invalid"]

    public var problems: [OutcomeRow] { rows.filter { Self.problemOutcomes.contains($0.outcome) } }

    /// Requests sent over all recorded attempts; nil when none was recorded.
    public var requests: Int? { timelines.isEmpty ? nil : timelines.reduce(0) { $0 + $1.requests } }
}

/// The run's writes grouped by what they changed: per handle for status writes (`add 'vip'`), per operation
/// for profile writes (`create`, `update`, ...), each with how its profiles ended.
public struct WriteGroup: Sendable, Equatable {
    public var label: String
    public var writes = 0
    public var profiles = 0
    /// Applied: the tenant finished the write and did not list the profile as failed.
    public var applied = 0
    /// Listed as failed by the finished batch.
    public var failed = 0
    /// Refused by the tenant: nothing changed.
    public var refused = 0
    /// No end recorded (no answer, accepted but not finished, still pending): it may or may not have applied.
    public var unconfirmed = 0

    public init(label: String) { self.label = label }

    public static func groups(_ writes: [WriteRecord]) -> [WriteGroup] {
        var order: [String] = []
        var groups: [String: WriteGroup] = [:]
        func add(_ label: String, _ write: WriteRecord, profiles: [String]) {
            if groups[label] == nil {
                order.append(label)
                groups[label] = WriteGroup(label: label)
            }
            let failedIDs = Set(write.failures.compactMap(\.first))
            groups[label]!.writes += 1
            groups[label]!.profiles += profiles.count
            switch write.state {
            case .finished:
                let failed = profiles.count(where: { failedIDs.contains($0) })
                groups[label]!.failed += failed
                groups[label]!.applied += profiles.count - failed
            case .refused: groups[label]!.refused += profiles.count
            case .intent, .sent, .pending: groups[label]!.unconfirmed += profiles.count
            }
        }
        for write in writes {
            switch write.operation {
            case .attach, .detach:
                var handles: [String] = []
                for list in write.handles { for handle in list where !handles.contains(handle) { handles.append(handle) } }
                for handle in handles {
                    let profiles = write.profileIDs.indices.filter { $0 < write.handles.count && write.handles[$0].contains(handle) }
                        .map { write.profileIDs[$0] }
                    add((write.operation == .attach ? "add '" : "remove '") + handle + "'", write, profiles: profiles)
                }
            case .upsertReplace:
                add("upsert, replacing statuses", write, profiles: write.profileIDs)
            case .create, .update, .delete, .purge, .upsert:
                add(write.operation.rawValue, write, profiles: write.profileIDs)
            case .tags:
                // One profile a write; its handles are the tags it added, then those it removed.
                for tag in write.handles.first ?? [] { add("add tag '" + tag + "'", write, profiles: write.profileIDs) }
                for tag in write.handles.dropFirst().first ?? [] { add("remove tag '" + tag + "'", write, profiles: write.profileIDs) }
            case .identityAdd, .identityChange, .identityRemove, .attributeAdd, .attributeChange, .attributeRemove:
                // One identity handle or attribute (`namespace:handle`) per profile, first in its handles.
                let verb = switch write.operation {
                case .identityAdd: "add identity '"
                case .identityChange: "change identity '"
                case .identityRemove: "remove identity '"
                case .attributeAdd, .attributeChange: "set attribute '"
                default: "remove attribute '"
                }
                var keys: [String] = []
                for list in write.handles { if let key = list.first, !keys.contains(key) { keys.append(key) } }
                for key in keys {
                    let profiles = write.profileIDs.indices.filter { $0 < write.handles.count && write.handles[$0].first == key }
                        .map { write.profileIDs[$0] }
                    add(verb + key + "'", write, profiles: profiles)
                }
            }
        }
        return order.compactMap { groups[$0] }
    }
}
