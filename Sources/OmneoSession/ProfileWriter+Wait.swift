// Waiting for an upsert job: each row ends created, updated, failed or invalid (would_create or
// would_update in a dry run), and every batch's end is journaled.
import OmneoClient
import OmneoModel

extension ProfileWriter {
    package func wait(job id: Int, timeout: Double) async throws -> UpsertResult {
        guard let job = jobs[id] else { throw WriteMisuse("unknown job \(id)") }
        var results: [Int: UpsertResult.Row] = [:]
        for (row, message) in job.invalid { results[row] = .init(index: row, outcome: .invalid, error: message) }
        for (row, message) in job.unsent { results[row] = .init(index: row, outcome: .failed, error: message) }
        for (row, result) in job.readBack { results[row] = result }
        var pending: [String] = []
        if session.dryRun {
            for row in stride(from: 1, through: job.count, by: 1) where results[row] == nil {
                results[row] = .init(index: row, outcome: job.existing[row] == nil ? .wouldCreate : .wouldUpdate, id: job.existing[row])
            }
        } else {
            let client = session.client
            let outcomes = try await session.fanOut(job.batches, phase: "waiting for profile batches", gated: false) { batch -> Result<BatchProgress, OmneoClientError> in
                do { return .success(try await client.waitForBatch(id: batch.batchID, timeout: timeout)) }
                catch let error as OmneoClientError where !error.stopsTheRun { return .failure(error) }
            }
            for (batch, outcome) in zip(job.batches, outcomes) {
                switch outcome {
                case .success(let progress):
                    var failed: [(profileID: String, error: String)] = []
                    for (index, row) in batch.rows.enumerated() {
                        let item = progress.items.indices.contains(index) ? progress.items[index] : nil
                        let result = Self.result(item, row: row, existing: job.existing[row])
                        results[row] = result
                        if let error = result.error { failed.append((result.id ?? "row \(row)", error)) }
                    }
                    try session.ledger.finished(batch.write, status: progress.status, failures: failed)
                case .failure(let error):
                    try session.ledger.stillPending(batch.write, error)
                    pending.append(batch.batchID)
                    for row in batch.rows { results[row] = .init(index: row, outcome: .failed, error: error.description) }
                }
            }
        }
        return UpsertResult(rows: Self.ordered(results, count: job.count), pending: pending, dryRun: session.dryRun)
    }

    private static func result(_ item: BatchItem?, row: Int, existing: String?) -> UpsertResult.Row {
        guard let item else { return .init(index: row, outcome: .failed, error: "the batch reported no item for this profile") }
        if item.failed { return .init(index: row, outcome: .failed, id: item.entityID, error: item.error ?? "failed") }
        guard let id = item.entityID else { return .init(index: row, outcome: .failed, error: "the batch reported no profile id") }
        return .init(index: row, outcome: existing == id ? .updated : .created, id: id)
    }

    /// Every row 1...count. A new match value twice in one list: the first row created the profile, the
    /// later one updated it, so a created id is never listed twice.
    private static func ordered(_ results: [Int: UpsertResult.Row], count: Int) -> [UpsertResult.Row] {
        var seen: Set<String> = []
        return stride(from: 1, through: count, by: 1).map { row in
            var result = results[row] ?? .init(index: row, outcome: .failed, error: "no answer for this profile")
            if result.outcome == .created, let id = result.id, seen.contains(id) { result.outcome = .updated }
            if let id = result.id { seen.insert(id) }
            return result
        }
    }
}
