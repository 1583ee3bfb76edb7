// Writes: recorded before the request (intent), then as the tenant answered, then as the batch ended.
import GRDB
public import OmneoModel

extension Journal {
    /// Recorded and committed before the request goes out; returns the write's id.
    public func intent(
        runID: String, attempt: Int, operation: WriteOperation, handles: [[String]], profileIDs: [String], payload: String? = nil
    ) throws(JournalError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO write (run_id, attempt, operation, handles, profile_ids, payload, state, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'intent', ?, ?)
                    """,
                arguments: [runID, attempt, operation.rawValue, Self.json(handles), Self.json(profileIDs), payload, Self.now, Self.now]
            )
            return db.lastInsertedRowID
        }
    }

    /// Accepted: the batch to poll (nil for a single call answered at once), and the HTTP status.
    public func sent(write id: Int64, batchID: String?, httpStatus: Int?) throws(JournalError) {
        try update(id, "state = 'sent', batch_id = ?, http_status = ?", [batchID, httpStatus])
    }

    /// A single call (create, update, delete, purge) answered: done, with the profile it concerned.
    public func answered(write id: Int64, profileIDs: [String], httpStatus: Int) throws(JournalError) {
        try update(id, "state = 'finished', profile_ids = ?, http_status = ?", [Self.json(profileIDs), httpStatus])
    }

    /// Refused, or no answer after retries: nothing of it applied.
    public func refused(write id: Int64, error: String, httpStatus: Int?) throws(JournalError) {
        try update(id, "state = 'refused', error = ?, http_status = ?", [error, httpStatus])
    }

    /// Waited for and not finished in time.
    public func pending(write id: Int64, error: String) throws(JournalError) {
        try update(id, "state = 'pending', error = ?", [error])
    }

    /// The batch finished: its state and the items that failed.
    public func finished(write id: Int64, batchStatus: String, failures: [[String]]) throws(JournalError) {
        try update(id, "state = 'finished', batch_status = ?, failures = ?", [batchStatus, Self.json(failures)])
    }

    /// Every write of a run, in the order they were recorded.
    public func writes(runID: String) throws(JournalError) -> [WriteRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM write WHERE run_id = ? ORDER BY id", arguments: [runID]).map { row in
                let name: String = row["operation"]
                // Migrations keep a newer build's journal out, so an unknown name means a damaged row.
                guard let operation = WriteOperation(rawValue: name) else {
                    throw JournalError.corrupt(path: path, detail: "write \(row["id"] as Int64) has an unknown operation '\(name)'")
                }
                return WriteRecord(
                    id: row["id"], attempt: row["attempt"], operation: operation,
                    handles: Self.decode([[String]].self, row["handles"]) ?? [],
                    profileIDs: Self.decode([String].self, row["profile_ids"]) ?? [], payload: row["payload"],
                    state: WriteRecord.State(rawValue: row["state"]) ?? .intent, batchID: row["batch_id"],
                    httpStatus: row["http_status"], error: row["error"], batchStatus: row["batch_status"],
                    failures: Self.decode([[String]].self, row["failures"]) ?? []
                )
            }
        }
    }

    private func update(_ id: Int64, _ assignments: String, _ arguments: StatementArguments) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE write SET \(assignments), updated_at = ? WHERE id = ?", arguments: arguments + [Self.now, id])
        }
    }
}
