// One run's handle on the journal: its id, attempt and tenant, what earlier attempts recorded, and the
// cache window. A journal that can no longer be written stops the run before its next request.
public import OmneoJournal

public final class RunJournal: Sendable {
    public let journal: Journal
    public let runID: String
    /// 1 for a new run; 2 and up for `resume`.
    public let attempt: Int
    /// The tenant's name as the journal keys it (cache and known statuses).
    public let tenant: String
    /// Email lookups answered this long ago or less are reused (seconds; 0 asks every time).
    public let cacheTTL: Double
    /// What earlier attempts of this run recorded; set by `resume`.
    public let earlier: EarlierAttempts?

    public init(journal: Journal, runID: String, attempt: Int = 1, tenant: String, cacheTTL: Double, earlier: EarlierAttempts? = nil) {
        self.journal = journal
        self.runID = runID
        self.attempt = attempt
        self.tenant = tenant
        self.cacheTTL = cacheTTL
        self.earlier = earlier
    }

    /// Runs a journal step; a failure becomes the run-stopping error.
    func record<T>(_ body: (Journal) throws -> T) throws -> T {
        do {
            return try body(journal)
        } catch {
            throw RunStop(reason: .journal, message: "the run journal stopped recording, so the run stopped before its next request: \(error)")
        }
    }
}

/// A resumed run's inheritance: the email answers it replays and the writes it need not send again.
public struct EarlierAttempts: Sendable {
    public var lookups: [String: LookupAnswer]
    public var writes: [WriteRecord]
    /// Profiles whose statuses before the run are already recorded.
    public var befores: Set<String>

    public init(journal: Journal, runID: String) throws(JournalError) {
        lookups = try journal.lookups(runID: runID)
        writes = try journal.writes(runID: runID)
        befores = Set(try journal.befores(runID: runID).keys)
    }
}
