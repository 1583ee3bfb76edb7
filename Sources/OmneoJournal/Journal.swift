// The run journal: every run on this machine, in one SQLite database (WAL, one transaction a step), so
// a run killed at any moment leaves a record that `resume` and `undo` can trust.
import Foundation
import GRDB

public final class Journal: Sendable {
    public let path: String
    let pool: DatabasePool
    /// This journal's own salt for token fingerprints (`TenantIdentity`), made once with the journal.
    public let salt: String

    private init(path: String, pool: DatabasePool, salt: String) {
        self.path = path
        self.pool = pool
        self.salt = salt
    }

    /// Opens (creating it and its folder if need be) and migrates the journal at `path`. A damaged file
    /// or one from a newer omneo-run is refused with a message, never rewritten.
    public static func open(path: String) throws(JournalError) -> Journal {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            // The journal holds customer emails and ids: its folder is 0700, its files 0600.
            try PrivateFiles.folder(folder, tighten: true)
        } catch {
            throw .unavailable(path: path, detail: "cannot create \(folder): \(error.localizedDescription)")
        }
        PrivateFiles.touch(path)
        var configuration = Configuration()
        // Two runs at once (other tenants, other terminals) take turns at the write lock.
        configuration.busyMode = .timeout(30)
        configuration.label = "omneo-journal"
        // WAL + NORMAL: a commit is in the WAL before it returns, so a killed process loses nothing
        // committed; only a power cut may lose the last commits (never corrupting the file).
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = JournalSchema.migrator
            let unknown = try pool.read { db in try migrator.appliedIdentifiers(db).subtracting(migrator.migrations) }
            if !unknown.isEmpty { throw JournalError.newerSchema(path: path, unknown: unknown.sorted()) }
            try migrator.migrate(pool)
            let salt = try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'salt'") }
            guard let salt else { throw JournalError.corrupt(path: path, detail: "it has no fingerprint salt") }
            return Journal(path: path, pool: pool, salt: salt)
        } catch let error as JournalError {
            throw error
        } catch {
            throw describe(error, path: path)
        }
    }

    static func describe(_ error: any Error, path: String) -> JournalError {
        guard let error = error as? DatabaseError else { return .unavailable(path: path, detail: "\(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: error.message ?? "\(error.resultCode)")
        default:
            return .unavailable(path: path, detail: error.message ?? "\(error.resultCode)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try pool.write(body) } catch { throw Self.describe(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do { return try pool.read(body) } catch { throw Self.describe(error, path: path) }
    }

    static var now: Double { Date().timeIntervalSince1970 }

    static func json<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

// Runs: start, attempts, end, listing.
extension Journal {
    public func begin(_ run: RunStart) throws(JournalError) {
        let values: [(any DatabaseValueConvertible)?] = [
            run.id, run.kind.rawValue, run.tenant.name, run.tenant.baseURL, run.tenant.key, run.resumable, run.recipePath, run.directory,
            RunStart.hash(run.recipeText), Data(run.recipeText), Self.json(run.arguments), run.dryRun, run.undoOf, run.reportPath, Self.now,
            Int(getpid()), Self.json(run.options), run.group,
        ]
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (id, kind, tenant, base_url, identity, resumable, recipe_path, directory, recipe_hash, recipe_text,
                                     arguments, dry_run, undo_of, report_path, started_at, pid, options, group_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments(values)
            )
        }
    }

    /// A resumed run starts another attempt: its row outcomes are made anew (the recipe runs from the top),
    /// its writes and reads are kept, and `options` (what it runs with now; nil keeps them) replace the run's.
    /// Returns the attempt's number (2 for the first resume).
    public func beginAttempt(runID: String, recipeText: [UInt8], options: RunOptions? = nil) throws(JournalError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE run SET attempts = attempts + 1, ended_at = NULL, exit_code = NULL, error = NULL,
                                   recipe_text = ?, recipe_hash = ?, pid = ?, options = COALESCE(?, options) WHERE id = ?
                    """,
                arguments: [Data(recipeText), RunStart.hash(recipeText), Int(getpid()), options.map { Self.json($0) }, runID]
            )
            try db.execute(sql: "DELETE FROM outcome WHERE run_id = ?", arguments: [runID])
            return try Int.fetchOne(db, sql: "SELECT attempts FROM run WHERE id = ?", arguments: [runID]) ?? 1
        }
    }

    public func end(runID: String, exitCode: Int, error: String?) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET ended_at = ?, exit_code = ?, error = ? WHERE id = ?",
                arguments: [Self.now, exitCode, error, runID]
            )
        }
    }

    /// Newest first.
    public func runs(limit: Int = 50, tenant: String? = nil) throws(JournalError) -> [RunRecord] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM run WHERE (? IS NULL OR tenant = ?) ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: [tenant, tenant, limit]
            )
            return try rows.map { try Self.record($0, db) }
        }
    }

    /// The run with this id, or the only one whose id starts with it; `last` is the newest run, `last~1`
    /// the one before it, and so on.
    public func run(_ id: String) throws(JournalError) -> RunRecord {
        let found: Result<RunRecord, JournalError> = try read { db in
            if let back = Self.stepsBack(id) {
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM run ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET ?", arguments: [back]
                )
                return try row.map { .success(try Self.record($0, db)) } ?? .failure(.unknownRun(id))
            }
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) {
                return .success(try Self.record(row, db))
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC LIMIT 6",
                arguments: [Self.likePrefix(id)]
            )
            switch rows.count {
            case 0: return .failure(.unknownRun(id))
            case 1: return .success(try Self.record(rows[0], db))
            default: return .failure(.ambiguousRun(id, rows.map { $0["id"] }))
            }
        }
        return try found.get()
    }

    /// Row outcomes of a run, in row order, optionally only some outcomes.
    public func outcomes(runID: String, only: Set<String>? = nil, limit: Int = .max) throws(JournalError) -> [[String?]] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, profile_id, outcome, detail FROM outcome WHERE run_id = ? ORDER BY seq", arguments: [runID]
            )
            var result: [[String?]] = []
            for row in rows where result.count < limit {
                let outcome: String = row["outcome"]
                if let only, !only.contains(outcome) { continue }
                let key: String = row["key"]
                let profileID: String? = row["profile_id"]
                let detail: String? = row["detail"]
                result.append([key, profileID, outcome, detail])
            }
            return result
        }
    }

    /// One row's outcome; a resumed attempt writes them all again.
    public func outcome(runID: String, seq: Int, key: String, profileID: String?, outcome: String, detail: String?) throws(JournalError) {
        try outcomes(runID: runID, [OutcomeRow(seq: seq, key: key, profileID: profileID, outcome: outcome, detail: detail)])
    }

    /// Row outcomes in one transaction.
    public func outcomes(runID: String, _ rows: [OutcomeRow]) throws(JournalError) {
        guard !rows.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO outcome (run_id, seq, key, profile_id, outcome, detail, line) VALUES (?, ?, ?, ?, ?, ?, ?)"
            )
            for row in rows {
                try insert.execute(arguments: [runID, row.seq, row.key, row.profileID, row.outcome, row.detail, row.line])
            }
        }
    }

    /// `last` -> 0, `last~2` -> 2; nil for anything else (a run id never starts with a letter).
    static func stepsBack(_ reference: String) -> Int? {
        if reference == "last" { return 0 }
        guard reference.hasPrefix("last~"), let steps = Int(reference.dropFirst(5)), steps >= 0 else { return nil }
        return steps
    }

    private static func likePrefix(_ text: String) -> String { likeEscaped(text) + "%" }

    /// `text` matched literally by `LIKE ... ESCAPE '\\'`.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func record(_ row: Row, _ db: Database) throws -> RunRecord {
        let id: String = row["id"]
        var counts: [String: Int] = [:]
        for count in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM outcome WHERE run_id = ? GROUP BY outcome", arguments: [id]) {
            counts[count["outcome"]] = count["n"]
        }
        let text: Data = row["recipe_text"]
        let arguments = decode([[String]].self, row["arguments"]) ?? []
        return RunRecord(
            id: id, kind: row["kind"], tenant: row["tenant"], baseURL: row["base_url"], identity: row["identity"],
            resumable: row["resumable"], recipePath: row["recipe_path"],
            directory: row["directory"],
            recipeHash: row["recipe_hash"], recipeText: [UInt8](text), arguments: arguments,
            dryRun: row["dry_run"], undoOf: row["undo_of"], reportPath: row["report_path"], startedAt: row["started_at"],
            endedAt: row["ended_at"], exitCode: row["exit_code"], error: row["error"], attempts: row["attempts"], pid: row["pid"],
            outcomes: counts, options: decode(RunOptions.self, row["options"]) ?? RunOptions(), group: row["group_id"]
        )
    }
}
