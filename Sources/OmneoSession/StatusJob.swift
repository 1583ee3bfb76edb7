// A status write as the recipe sees it: its entries, the batches it became, and how it ended.
public import OmneoModel

public struct StatusJob: Sendable {
    public let id: Int
    public let attach: Bool
    /// De-duplicated: one entry per profile, handles merged.
    public let entries: [StatusAssignment]
    /// The batches sent, each with the profile ids it carried.
    public package(set) var batches: [SentBatch] = []
    /// Profiles whose chunk was refused or got no answer, with why.
    var unsent: [(profileID: String, error: String)] = []
    /// Dry run: per profile, the handles that would change and those already as wanted.
    var plannedChanges: [String: [String]] = [:]
    var plannedNoOps: [String: [String]] = [:]

    /// One batch of the job: its id, its profiles, its journal entry, and (on resume) how it already ended.
    public struct SentBatch: Sendable {
        public let batchID: String
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

/// How a status job ended, as `job:wait()` reports it.
public struct StatusJobResult: Sendable {
    public var done: Bool
    public var succeeded: Int
    public var failures: [(profileID: String, error: String)]
    /// Batches still pending when the wait gave up.
    public var pending: [String]
    /// Dry run: what the job would have changed; nil for a real run.
    public var plan: Plan?

    public struct Plan: Sendable {
        public var attach: Bool
        /// Per profile, the handles that would change and those already as wanted (only non-empty lists).
        public var changes: [String: [String]]
        public var noOps: [String: [String]]
    }
}
