// What runs read of profiles: statuses before a run changed them (for undo), email lookups (replayed by
// resume, reused by later runs within the cache TTL), and the latest known statuses per tenant.
import GRDB

extension Journal {
    /// The statuses a profile held when the run first read it; later reads of the same run are ignored.
    public func before(runID: String, statuses: [(profileID: String, statuses: [String])]) throws(JournalError) {
        try store(statuses, under: runID, "INSERT OR IGNORE INTO before_status (run_id, profile_id, statuses, read_at) VALUES (?, ?, ?, ?)")
    }

    /// One transaction: `sql` with (key, profile id, statuses as JSON, now) for each profile.
    private func store(_ statuses: [(profileID: String, statuses: [String])], under key: String, _ sql: String) throws(JournalError) {
        guard !statuses.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: sql)
            for (id, handles) in statuses {
                try statement.execute(arguments: [key, id, Self.json(handles), Self.now])
            }
        }
    }

    /// Profile id -> statuses before the run changed them.
    public func befores(runID: String) throws(JournalError) -> [String: [String]] {
        try read { db in
            var result: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT profile_id, statuses FROM before_status WHERE run_id = ?", arguments: [runID]) {
                result[row["profile_id"]] = Self.decode([String].self, row["statuses"]) ?? []
            }
            return result
        }
    }

    /// Statuses as just read from the tenant.
    public func known(tenant: String, statuses: [(profileID: String, statuses: [String])]) throws(JournalError) {
        try store(statuses, under: tenant, "INSERT OR REPLACE INTO profile_state (tenant, profile_id, statuses, known_at) VALUES (?, ?, ?, ?)")
    }

    /// Forgets what is known of these profiles (a write's outcome is unknown).
    public func forget(tenant: String, profileIDs: [String]) throws(JournalError) {
        guard !profileIDs.isEmpty else { return }
        try write { db in
            for id in profileIDs {
                try db.execute(sql: "DELETE FROM profile_state WHERE tenant = ? AND profile_id = ?", arguments: [tenant, id])
            }
        }
    }

    public func lookups(runID: String, tenant: String, answers: [(email: String, answer: LookupAnswer)]) throws(JournalError) {
        guard !answers.isEmpty else { return }
        try write { db in
            for (email, answer) in answers {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO lookup (run_id, tenant, email, answer, answered_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [runID, tenant, email, Self.json(answer), Self.now]
                )
            }
        }
    }

    /// The run's own lookups, as answered then (with the statuses read then): a resumed run replays them.
    public func lookups(runID: String) throws(JournalError) -> [String: LookupAnswer] {
        try read { db in
            var result: [String: LookupAnswer] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT email, answer FROM lookup WHERE run_id = ?", arguments: [runID]) {
                result[row["email"]] = Self.decode(LookupAnswer.self, row["answer"])
            }
            return result
        }
    }

    /// Lookups on this tenant answered since `since` (seconds since 1970), newest answer per email, each
    /// match with its statuses as the journal knows them now; an answer with a match whose statuses are
    /// unknown or older than `since` is left out (it is asked again), and so is "no profile has this
    /// email", the one answer a create or import since may have changed.
    public func cachedLookups(tenant: String, emails: [String], since: Double) throws(JournalError) -> [String: LookupAnswer] {
        guard !emails.isEmpty else { return [:] }
        return try read { db in
            var result: [String: LookupAnswer] = [:]
            for email in emails {
                guard let text = try String.fetchOne(
                    db,
                    sql: "SELECT answer FROM lookup WHERE tenant = ? AND email = ? AND answered_at >= ? ORDER BY answered_at DESC LIMIT 1",
                    arguments: [tenant, email, since]
                ), var answer = Self.decode(LookupAnswer.self, text), !answer.matches.isEmpty else { continue }
                var fresh = true
                for index in answer.matches.indices {
                    let known = try String.fetchOne(
                        db, sql: "SELECT statuses FROM profile_state WHERE tenant = ? AND profile_id = ? AND known_at >= ?",
                        arguments: [tenant, answer.matches[index].id, since]
                    )
                    guard let statuses = Self.decode([String].self, known) else {
                        fresh = false
                        break
                    }
                    answer.matches[index].statuses = statuses
                }
                if fresh { result[email] = answer }
            }
            return result
        }
    }
}
