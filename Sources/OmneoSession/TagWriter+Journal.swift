// The journal's part in tag writes: the list before the run's first PUT to a profile, and what earlier
// attempts of a resumed run already sent.
import OmneoJournal
import OmneoModel

extension TenantSession {
    /// Before a tag PUT: the profile's tags as read just before it, kept once per run (the first).
    func recordTagsBefore(_ id: String, _ tags: [String]) throws {
        guard let journal else { return }
        try journal.record { try $0.beforeTags(runID: journal.runID, profileID: id, tags: tags) }
    }

    /// What earlier attempts of this run sent to this profile's tags (a write without an answer counts:
    /// it may have applied; a refused one does not).
    func earlierTagWrites(_ id: String) -> [TagDelta] {
        guard let writes = journal?.earlier?.writes else { return [] }
        return writes.filter { $0.operation == .tags && $0.state != .refused && $0.profileIDs == [id] }.map { write in
            TagDelta(added: write.handles.first ?? [], removed: write.handles.dropFirst().first ?? [])
        }
    }
}
