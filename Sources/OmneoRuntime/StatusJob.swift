// A status write as the recipe sees it: its entries, the batches it became, and how it ended.
import LuaHost
import OmneoClient

struct StatusJob {
    let id: Int
    let attach: Bool
    /// De-duplicated: one entry per profile, handles merged.
    let entries: [StatusAssignment]
    /// The batches sent, each with the profile ids it carried.
    var batches: [SentBatch] = []
    /// Profiles whose chunk was refused or got no answer, with why.
    var unsent: [(profileID: String, error: String)] = []
    /// Dry run: per profile, the handles that would change and those already as wanted.
    var plannedChanges: [String: [String]] = [:]
    var plannedNoOps: [String: [String]] = [:]

    var luaValue: LuaValue {
        .object([
            "id": .integer(Int64(id)),
            "batch_ids": .array(batches.map { .string($0.batchID) }),
            "entries": .array(entries.map { entry in
                .object(["profile_id": .string(entry.profileID), "statuses": .array(entry.statuses.map { .string($0) })])
            }),
        ])
    }

    /// One batch of the job: its id, its profiles, its journal entry, and (on resume) how it already ended.
    struct SentBatch {
        let batchID: String
        let profileIDs: [String]
        let write: Int64?
        /// Set when an earlier attempt saw the batch finish: these items failed, and it need not be polled.
        var recordedFailures: [(profileID: String, error: String)]?
    }

    /// Merges entries per profile (first-seen order, handles de-duplicated).
    static func merge(_ entries: [StatusAssignment]) -> [StatusAssignment] {
        var order: [String] = []
        var handles: [String: [String]] = [:]
        for entry in entries {
            if handles[entry.profileID] == nil { order.append(entry.profileID) }
            for handle in entry.statuses where !(handles[entry.profileID]?.contains(handle) ?? false) {
                handles[entry.profileID, default: []].append(handle)
            }
        }
        return order.map { StatusAssignment(profileID: $0, statuses: handles[$0] ?? []) }
    }
}
