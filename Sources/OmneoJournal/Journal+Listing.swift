// Listing runs by tenant, time and recipe, whether each was undone, and pruning old ones.
import Foundation
import GRDB

extension Journal {
    /// Newest first, as `filter` narrows them.
    public func runs(_ filter: RunFilter) throws(JournalError) -> [RunRecord] {
        let (condition, arguments) = filter.condition
        return try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE \(condition) ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: StatementArguments(arguments + [filter.limit ?? -1])
            )
            return try rows.map { try Self.record($0, db) }
        }
    }

    /// The latest undo of this run that was not a dry run, or nil: how `runs` and `show` tell an undone run.
    public func latestUndo(of runID: String) throws(JournalError) -> RunRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM run WHERE kind = 'undo' AND undo_of = ? AND dry_run = 0 ORDER BY started_at DESC, id DESC LIMIT 1",
                arguments: [runID]
            ).map { try Self.record($0, db) }
        }
    }

    /// What `--prune` did: the runs it deleted (with everything recorded of them), and those it kept.
    public struct Pruning: Sendable {
        public var removed: [RunRecord] = []
        public var kept: [(run: RunRecord, reason: String)] = []
    }

    /// Deletes the runs `filter` selects (sandbox runs included), in one transaction, except a run still
    /// going and an interrupted one that can still be resumed: its writes may be half done.
    public func prune(_ filter: RunFilter) throws(JournalError) -> Pruning {
        var filter = filter
        filter.includeSandbox = true
        filter.limit = nil
        var pruning = Pruning()
        let openWrites: Set<String> = try read { db in
            // Runs with a write recorded, unless an undo of theirs ended cleanly: their writes may be half done.
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT run_id FROM write WHERE run_id NOT IN
                    (SELECT undo_of FROM run WHERE kind = 'undo' AND dry_run = 0 AND exit_code = 0 AND undo_of IS NOT NULL)
                """))
        }
        for run in try runs(filter) {
            if let reason = run.pruneRefusal(hasOpenWrites: openWrites.contains(run.id)) {
                pruning.kept.append((run, reason))
            } else {
                pruning.removed.append(run)
            }
        }
        let ids = pruning.removed.map(\.id)
        guard !ids.isEmpty else { return pruning }
        try write { db in
            // Every other table refers to `run` with ON DELETE CASCADE (GRDB turns foreign keys on).
            let statement = try db.cachedStatement(sql: "DELETE FROM run WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
        return pruning
    }

    /// Gives the space of deleted runs back to the file system (SQLite's VACUUM: it rewrites the file,
    /// holding the write lock meanwhile).
    public func compact() throws(JournalError) {
        do { try pool.vacuum() } catch { throw Self.describe(error, path: path) }
    }

    /// The journal file's size in bytes, WAL included.
    public var fileSize: Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            var info = stat()
            return total + (stat(file, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }
}

extension RunRecord {
    /// Why `--prune` keeps this run, or nil: it is still going, or it was interrupted after it began writing
    /// and was neither finished by `resume` nor taken back by `undo`.
    func pruneRefusal(hasOpenWrites: Bool) -> String? {
        if isRunning { return "still running (process \(pid ?? 0))" }
        if endedAt == nil, resumable, identity != nil, hasOpenWrites {
            return "interrupted after it began writing: `omneo-run resume \(id)` finishes it, or `omneo-run undo \(id)` takes its status changes back; then it can be pruned"
        }
        return nil
    }
}
