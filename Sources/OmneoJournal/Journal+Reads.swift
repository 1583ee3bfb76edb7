// Profile reads (`get`, `find`, `each` pages) as the tenant answered them, so a resumed run reads what
// its first attempt read and decides the same way, even where that attempt's writes changed the tenant.
public import Foundation
import GRDB

extension Journal {
    /// The `ordinal`-th answer to `key` in this run (0 for the first).
    public func read(runID: String, key: String, ordinal: Int, answer: Data) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO read (run_id, key, ordinal, answer) VALUES (?, ?, ?, ?)",
                arguments: [runID, key, ordinal, answer]
            )
        }
    }

    /// Every recorded answer of the run: key -> answers in the order they were asked.
    public func reads(runID: String) throws(JournalError) -> [String: [Data]] {
        try read { db in
            var result: [String: [Data]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, answer FROM read WHERE run_id = ? ORDER BY key, ordinal", arguments: [runID]) {
                result[row["key"], default: []].append(row["answer"])
            }
            return result
        }
    }
}
