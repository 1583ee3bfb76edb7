// One run's handle on the journal: its id, attempt and tenant, what earlier attempts recorded, and the
// cache window. A journal that can no longer be written stops the run before its next request.
public import Foundation
public import OmneoJournal
public import OmneoModel

public final class RunJournal: @unchecked Sendable {
    public let journal: Journal
    public let runID: String
    /// 1 for a new run; 2 and up for `resume`.
    public let attempt: Int
    /// The tenant as the journal keys it (the lookup cache): base URL and token fingerprint.
    public let tenant: TenantIdentity
    /// Email lookups answered this long ago or less are reused (seconds; 0 asks every time).
    public let cacheTTL: Double
    /// What earlier attempts of this run recorded; set by `resume`.
    public let earlier: EarlierAttempts?
    /// Row outcomes not yet committed: they go in batches (a transaction per row would cost 76 us each),
    /// at the latest before the next write is journaled and when the run ends. A killed run's journal may
    /// lack its last rows; the CSV report has them, and `resume` writes every row again anyway.
    private var pendingRows: [OutcomeRow] = []
    private let lock = NSLock()
    static let rowBatch = 256

    public init(journal: Journal, runID: String, attempt: Int = 1, tenant: TenantIdentity, cacheTTL: Double, earlier: EarlierAttempts? = nil) {
        self.journal = journal
        self.runID = runID
        self.attempt = attempt
        self.tenant = tenant
        self.cacheTTL = cacheTTL
        self.earlier = earlier
    }

    package func row(key: String, profileID: String?, outcome: String, detail: String?, seq: Int, line: Int? = nil) throws {
        let full: [OutcomeRow]? = lock.withLock {
            pendingRows.append(OutcomeRow(seq: seq, key: key, profileID: profileID, outcome: outcome, detail: detail, line: line))
            guard pendingRows.count >= Self.rowBatch else { return nil }
            defer { pendingRows = [] }
            return pendingRows
        }
        if let full { try record { try $0.outcomes(runID: runID, full) } }
    }

    /// Commits the rows reported so far.
    public func flushRows() throws {
        let rows = lock.withLock {
            defer { pendingRows = [] }
            return pendingRows
        }
        try record { try $0.outcomes(runID: runID, rows) }
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
    /// Profile reads: request -> answers (JSON), in the order asked.
    public var reads: [String: [Data]]
    /// Profiles whose statuses before the run are already recorded.
    public var befores: Set<String>

    public init(journal: Journal, runID: String) throws(JournalError) {
        lookups = try journal.lookups(runID: runID)
        writes = try journal.writes(runID: runID)
        reads = try journal.reads(runID: runID)
        befores = Set(try journal.befores(runID: runID).keys)
    }
}
