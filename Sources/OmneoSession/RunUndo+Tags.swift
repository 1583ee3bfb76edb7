// `undo` of tag writes: each profile the run PUT tags to is read, merged and PUT again (TagWriter's
// checked write), taking out only the tags the run added and putting back those it removed, in their
// place before the run; a tag someone else added or removed since is left as they left it.
import OmneoJournal
import OmneoModel

extension RunUndo {
    /// Per profile: the tags the run's tag writes added and removed (a write without an answer counts: it
    /// may have applied; a refused one does not).
    static func tagChanges(_ writes: [WriteRecord]) -> [String: TagDelta] {
        var changes: [String: TagDelta] = [:]
        for write in writes where write.operation.changesTags && write.state != .refused {
            guard let id = write.profileIDs.first, !id.isEmpty else { continue }
            let delta = TagDelta(added: write.handles.first ?? [], removed: write.handles.dropFirst().first ?? [])
            changes[id] = (changes[id] ?? TagDelta()).union(delta)
        }
        return changes
    }

    /// The list to put back: the tags before the run, less those gone since by someone else's hand (kept
    /// only when the run removed them), then the tags held now that were not there before and that the
    /// run did not add.
    static func restoredTags(before: [String], now: [String], run: TagDelta) -> [String] {
        let kept = before.filter { now.contains($0) || run.removed.contains($0) }
        return kept + now.filter { !before.contains($0) && !run.added.contains($0) && !kept.contains($0) }
    }

    /// Undoes the run's tag writes; rows go to `report`, counts into `result`.
    static func undoTags(
        _ writes: [WriteRecord], runID: String, journal: RunJournal, session: TenantSession, settings: Settings, report: EmailRows,
        result: inout Result
    ) async throws {
        let changes = tagChanges(writes)
        guard !changes.isEmpty else { return }
        let befores = try journal.record { try $0.tagBefores(runID: runID) }
        var ids: [String] = []
        for id in changes.keys.sorted() {
            if befores[id] == nil {
                result.unknownBefore.append(id)
                report.row(id, "skipped", detail: "its tags before the run were not recorded; left as they are")
            } else {
                ids.append(id)
            }
        }
        guard !ids.isEmpty else { return }
        if !settings.dryRun {
            let question = "undo run \(runID): put back the tags of \(WriteConfirmation.profiles(ids.count))"
            try await session.confirmWrite { question }
        }
        let writer = TagWriter(session: session)
        let entries = try await session.fanOut(ids, phase: "putting back tags", gated: false) { id in
            let before = befores[id] ?? [], run = changes[id] ?? TagDelta()
            return try await writer.write(id, unchanged: .alreadyPresent) { now in restoredTags(before: before, now: now, run: run) }
        }
        for entry in entries {
            let id = entry.profileID
            var parts: [String] = [], change: [String] = []
            let dry = settings.dryRun
            if !entry.removed.isEmpty {
                parts.append((dry ? "would remove tags " : "removed tags ") + entry.removed.joined(separator: ", "))
                change += entry.removed.map { "remove tag " + $0 }
            }
            if !entry.added.isEmpty {
                parts.append((dry ? "would re-add tags " : "re-added tags ") + entry.added.joined(separator: ", "))
                change += entry.added.map { "add tag " + $0 }
            }
            switch entry.outcome {
            case .alreadyPresent, .notPresent:
                result.unchanged += 1
                report.row(id, "skipped", detail: "tags already as before the run")
            case .conflict, .failed:
                result.failures.append((profileID: id, error: entry.error ?? entry.outcome.rawValue))
                report.row(id, entry.outcome.rawValue, detail: entry.error ?? "")
            default:
                if !entry.removed.isEmpty { result.tagsRemoved[id] = entry.removed }
                if !entry.added.isEmpty { result.tagsReadded[id] = entry.added }
                let outcome = dry ? (entry.removed.isEmpty ? "would_add" : "would_remove")
                    : entry.removed.isEmpty ? "added" : entry.added.isEmpty ? "removed" : "updated"
                report.row(id, outcome, detail: parts.joined(separator: "; "), change: change.joined(separator: ", "))
            }
        }
    }
}
