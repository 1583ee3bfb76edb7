// What a profile's tag list was before a run changed it, recorded before the run's first tag PUT to it
// (later records of the same run are ignored): `undo` puts back exactly what the run changed.
import GRDB

extension Journal {
    /// The tags a profile held just before the run's first tag write to it; a later call for the same
    /// run and profile changes nothing.
    public func beforeTags(runID: String, profileID: String, tags: [String]) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO before_tags (run_id, profile_id, tags, read_at) VALUES (?, ?, ?, ?)",
                arguments: [runID, profileID, Self.json(tags), Self.now]
            )
        }
    }

    /// Profile id -> its tags before the run changed them, in the tenant's order.
    public func tagBefores(runID: String) throws(JournalError) -> [String: [String]] {
        try read { db in
            var result: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT profile_id, tags FROM before_tags WHERE run_id = ?", arguments: [runID]) {
                result[row["profile_id"]] = Self.decode([String].self, row["tags"]) ?? []
            }
            return result
        }
    }
}
