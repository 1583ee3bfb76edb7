// What runs read of profiles: statuses before a run changed them (for undo), and email lookups (replayed
// by resume with what they read; reused by later runs on the same tenant identity, as ids only).
import GRDB

extension Journal {
    /// The statuses a profile held when the run first read it; later reads of the same run are ignored.
    /// `covers`: only these handles were read (the others are unknown); nil, the whole set.
    public func before(runID: String, statuses: [(profileID: String, statuses: [String])], covers: [String]? = nil) throws(JournalError) {
        guard !statuses.isEmpty else { return }
        let covered = covers.map { Self.json($0) }
        try write { db in
            let statement = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO before_status (run_id, profile_id, statuses, read_at, covers) VALUES (?, ?, ?, ?, ?)"
            )
            for (id, handles) in statuses {
                try statement.execute(arguments: [runID, id, Self.json(handles), Self.now, covered])
            }
        }
    }

    /// Profile id -> statuses before the run changed them (whole, or for some handles only).
    public func befores(runID: String) throws(JournalError) -> [String: BeforeStatuses] {
        try read { db in
            var result: [String: BeforeStatuses] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT profile_id, statuses, covers FROM before_status WHERE run_id = ?", arguments: [runID]) {
                result[row["profile_id"]] = BeforeStatuses(
                    statuses: Self.decode([String].self, row["statuses"]) ?? [], covers: Self.decode([String].self, row["covers"]).map(Set.init)
                )
            }
            return result
        }
    }

    /// The run's lookups, under its tenant identity's key. A reused (cached) answer is recorded as the
    /// run's too, so a resume replays it, but marked: it never becomes a cache source itself, so an
    /// answer ages out of the cache one TTL after the tenant gave it, however often it is reused.
    public func lookups(runID: String, tenant: String, answers: [(email: String, answer: LookupAnswer)]) throws(JournalError) {
        guard !answers.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO lookup (run_id, tenant, email, answer, answered_at, reused) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for (email, answer) in answers {
                try insert.execute(arguments: [runID, tenant, email, Self.json(answer), Self.now, answer.reused])
            }
        }
    }

    /// The run's own lookups, as answered then (with the statuses read then, none for reused ones): a
    /// resumed run replays them.
    public func lookups(runID: String) throws(JournalError) -> [String: LookupAnswer] {
        try read { db in
            var result: [String: LookupAnswer] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT email, answer, reused FROM lookup WHERE run_id = ?", arguments: [runID]) {
                guard var answer = Self.decode(LookupAnswer.self, row["answer"]) else { continue }
                answer.reused = row["reused"]
                result[row["email"]] = answer
            }
            return result
        }
    }

    /// Lookups on this tenant identity answered since `since` (seconds since 1970), newest answer per
    /// email, as ids only: the statuses they read then are left out (an empty list), since somebody may
    /// have changed them since, and a run must never skip a write on the strength of an old read. "No
    /// profile has this email" is left out too: a create or import since may have changed it.
    public func cachedLookups(tenant: String, emails: [String], since: Double) throws(JournalError) -> [String: LookupAnswer] {
        guard !emails.isEmpty else { return [:] }
        return try read { db in
            var result: [String: LookupAnswer] = [:]
            let select = try db.cachedStatement(
                sql: """
                    SELECT answer FROM lookup WHERE tenant = ? AND email = ? AND answered_at >= ? AND reused = 0
                    ORDER BY answered_at DESC LIMIT 1
                    """
            )
            for email in emails {
                guard let text = try String.fetchOne(select, arguments: [tenant, email, since]),
                      let answer = Self.decode(LookupAnswer.self, text), !answer.matches.isEmpty
                else { continue }
                result[email] = LookupAnswer(matches: answer.matches.map { .init(id: $0.id, statuses: []) }, total: answer.total, reused: true)
            }
            return result
        }
    }
}
