// What the run knows of each profile's statuses (for dry-run plans and `already_present`), and which
// profiles' statuses before the run the journal already holds (for `undo`). Shared by every writer.
import Foundation

final class StatusKnowledge: @unchecked Sendable {
    private let journal: RunJournal?
    private let lock = NSLock()
    private var known: [String: [String]] = [:]
    /// Profiles whose statuses before the run are journaled (an earlier attempt's count too).
    private var recordedBefore: Set<String>

    init(journal: RunJournal?) {
        self.journal = journal
        recordedBefore = journal?.earlier?.befores ?? []
    }

    /// The statuses the run last saw on the profile; nil when it never saw it.
    func statuses(of id: String) -> [String]? { lock.withLock { known[id] } }

    func forget() { lock.withLock { known = [:] } }

    /// The profile no longer exists (deleted or purged by the run).
    func remove(_ id: String) { lock.withLock { known[id] = nil } }

    /// Of `ids`, those whose statuses before the run are not journaled yet (sorted, once each).
    func withoutBefore(_ ids: [String]) -> [String] {
        guard journal != nil else { return [] }
        return lock.withLock { Array(Set(ids.filter { !recordedBefore.contains($0) })).sorted() }
    }

    /// Statuses the run now knows of: as just read (`fresh`), or replayed from an earlier attempt or the
    /// cache. The first time per profile they are journaled as its statuses before the run; fresh ones
    /// also as the tenant's last known state.
    /// The lock is held across the journal write: no other task may take a profile's before-state as
    /// recorded (and send a write to it) until that record is committed.
    func learn(_ statuses: [(String, [String])], fresh: Bool) throws {
        try lock.withLock {
            for (id, handles) in statuses { known[id] = handles }
            guard let journal, !statuses.isEmpty else { return }
            let first = statuses.filter { !recordedBefore.contains($0.0) }
            try journal.record { try $0.before(runID: journal.runID, statuses: first.map { (profileID: $0.0, statuses: $0.1) }) }
            recordedBefore.formUnion(first.map(\.0))
            if fresh {
                try journal.record { try $0.known(tenant: journal.tenant, statuses: statuses.map { (profileID: $0.0, statuses: $0.1) }) }
            }
        }
    }
}
