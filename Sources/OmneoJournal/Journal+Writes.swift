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

    /// The batch finished: its state and the items that failed. Profiles whose item succeeded have the
    /// write applied to what the journal knows of their statuses (`tenant`'s profile_state).
    public func finished(write id: Int64, tenant: String, batchStatus: String, failures: [[String]]) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: "UPDATE write SET state = 'finished', batch_status = ?, failures = ?, updated_at = ? WHERE id = ?",
                arguments: [batchStatus, Self.json(failures), Self.now, id]
            )
            guard let row = try Row.fetchOne(db, sql: "SELECT operation, handles, profile_ids FROM write WHERE id = ?", arguments: [id]) else {
                return
            }
            let operation = WriteOperation(rawValue: row["operation"])
            guard operation == .attach || operation == .detach else { return }
            let handleLists = Self.decode([[String]].self, row["handles"]) ?? []
            let failed = Set(failures.compactMap(\.first))
            let select = try db.cachedStatement(sql: "SELECT statuses FROM profile_state WHERE tenant = ? AND profile_id = ?")
            let update = try db.cachedStatement(sql: "UPDATE profile_state SET statuses = ? WHERE tenant = ? AND profile_id = ?")
            for (profileID, handles) in zip(Self.decode([String].self, row["profile_ids"]) ?? [], handleLists) {
                let known = try String.fetchOne(select, arguments: [tenant, profileID])
                guard var statuses = Self.decode([String].self, known) else { continue }
                if failed.contains(profileID) {
                    try db.execute(sql: "DELETE FROM profile_state WHERE tenant = ? AND profile_id = ?", arguments: [tenant, profileID])
                    continue
                }
                if operation == .attach {
                    statuses += handles.filter { !statuses.contains($0) }
                } else {
                    statuses.removeAll(where: handles.contains)
                }
                try update.execute(arguments: [Self.json(statuses), tenant, profileID])
            }
        }
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
