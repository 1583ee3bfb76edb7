// What the run read of each profile's statuses (for dry-run plans and `already_present`), which profiles'
// statuses before the run the journal already holds (for `undo`), and which ids came from the lookup
// cache unread. Shared by every writer. Nothing here ever comes from the cache: a write is never skipped,
// and an undo never removes, on the strength of an earlier run's read.
import Foundation

final class StatusKnowledge: @unchecked Sendable {
    private let journal: RunJournal?
    private let lock = NSLock()
    private var known: [String: [String]] = [:]
    /// Profiles whose statuses before the run are journaled (an earlier attempt's count too).
    private var recordedBefore: Set<String>
    /// Profiles known only through a cached lookup (see `reuse`).
    private var reused: Set<String> = []

    init(journal: RunJournal?) {
        self.journal = journal
        recordedBefore = journal?.earlier?.befores ?? []
    }

    /// The statuses the run last saw on the profile; nil when it never saw it.
    func statuses(of id: String) -> [String]? { lock.withLock { known[id] } }

    func forget() { lock.withLock { known = [:] } }

    /// The profile no longer exists (deleted or purged by the run).
    func remove(_ id: String) { lock.withLock { known[id] = nil } }

    /// Of `ids`, those whose statuses before the run are not journaled yet and that were not taken from
    /// the cache (sorted, once each): `recordBefore` reads these before the write.
    func withoutBefore(_ ids: [String]) -> [String] {
        guard journal != nil else { return [] }
        return lock.withLock { Array(Set(ids.filter { !recordedBefore.contains($0) && !reused.contains($0) })).sorted() }
    }

    /// The ids taken from the cache whose statuses before the run are not journaled yet.
    func reusedWithoutBefore() -> [String] {
        guard journal != nil else { return [] }
        return lock.withLock { reused.subtracting(recordedBefore).sorted() }
    }

    /// Cached ids whose holding of `covers` was read through the handles' holders: journaled as their
    /// statuses before the run for those handles only (same lock rule as `learn`).
    func learnHolding(_ held: [(String, [String])], covers: [String]) throws {
        try lock.withLock {
            guard let journal else { return }
            let first = held.filter { !recordedBefore.contains($0.0) }
            try journal.record { try $0.before(runID: journal.runID, statuses: first.map { (profileID: $0.0, statuses: $0.1) }, covers: covers) }
            recordedBefore.formUnion(first.map(\.0))
        }
    }

    /// Profiles whose id came from the lookup cache: their statuses were not read by this run, and are
    /// not read before a write either (that would cost a request a profile, the very thing the cache saves).
    /// The write is sent all the same (it is additive), and `undo` leaves these profiles as they are.
    func reuse(_ ids: [String]) {
        lock.withLock { reused.formUnion(ids.filter { known[$0] == nil }) }
    }

    /// Statuses the run read itself (now, or replayed from an earlier attempt of the same run; never the
    /// cache's). The first time per profile they are journaled as its statuses before the run.
    /// The lock is held across the journal write: no other task may take a profile's before-state as
    /// recorded (and send a write to it) until that record is committed.
    func learn(_ statuses: [(String, [String])]) throws {
        try lock.withLock {
            for (id, handles) in statuses { known[id] = handles }
            guard let journal, !statuses.isEmpty else { return }
            let first = statuses.filter { !recordedBefore.contains($0.0) }
            try journal.record { try $0.before(runID: journal.runID, statuses: first.map { (profileID: $0.0, statuses: $0.1) }) }
            recordedBefore.formUnion(first.map(\.0))
        }
    }
}
