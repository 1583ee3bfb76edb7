// Tag writes. The vendor has no additive tag endpoint: a PUT with `tags` replaces the whole list
// (omneo-api.md, "Tags"). So each profile is read, merged, read again just before the PUT (a change in
// between, seen by `updated_at` or the list, means someone else wrote: read again and merge again), PUT
// with its full list, and the answer's list checked against what was sent. At most `maximumTries` tries,
// then `conflict`, with nothing of ours sent over a change we did not see. A dry run reads and plans.
// Every PUT goes through the ledger with the profile's tags before, so `resume` does not send it again
// and `undo` takes back exactly the run's change (RunUndo+Tags.swift).
import Foundation
import OmneoClient
import OmneoJournal
import OmneoModel

package actor TagWriter {
    /// Tries per profile (a try: the read before the PUT, then the PUT) before `conflict`.
    package static let maximumTries = 3

    let session: TenantSession
    /// Dry run: how many profiles each tag would be added to or removed from.
    private var plan: [String: (add: Int, remove: Int)] = [:]

    package init(session: TenantSession) { self.session = session }

    /// A dry run's lines, one per tag: `tags: would add 'christmas-campaign' to 3 profiles`.
    package var planLines: [String] {
        plan.keys.sorted().flatMap { tag -> [String] in
            let counts = plan[tag] ?? (0, 0)
            return [(counts.add, "add", "to"), (counts.remove, "remove", "from")].filter { $0.0 > 0 }.map {
                "tags: would \($0.1) '\(tag)' \($0.2) \($0.0) profile\($0.0 == 1 ? "" : "s")"
            }
        }
    }

    /// The tags as the tenant will keep them (spaces become hyphens; case kept), each once, and one warning
    /// per tag changed by that. An empty tag is a misuse.
    package static func normalise(_ tags: [String]) throws -> (tags: [String], warnings: [String]) {
        var result: [String] = [], warnings: [String] = []
        for (index, tag) in tags.enumerated() {
            guard !tag.trimmingCharacters(in: .whitespaces).isEmpty else { throw WriteMisuse("tag \(index + 1) is empty") }
            let kept = TagNormalisation.normalised(tag)
            if kept != tag {
                warnings.append("tag '\(tag)' is sent as '\(kept)': the tenant turns spaces into hyphens")
            }
            if !result.contains(kept) { result.append(kept) }
        }
        guard !result.isEmpty else { throw WriteMisuse("no tags given") }
        return (result, warnings)
    }

    /// Adds (`add`) or removes `tags` on every profile of `ids` (each once), fanned out over the session's gate.
    package func change(_ ids: [String], tags: [String], add: Bool) async throws -> TagChangeResult {
        let (tags, warnings) = try Self.normalise(tags)
        var unique: [String] = []
        var seen: Set<String> = []
        for (index, id) in ids.enumerated() {
            guard !id.trimmingCharacters(in: .whitespaces).isEmpty else { throw WriteMisuse("profile id \(index + 1) is empty") }
            if seen.insert(id).inserted { unique.append(id) }
        }
        if !session.dryRun, !unique.isEmpty {
            let what = "\(add ? "add" : "remove") \(tags.map { "'\($0)'" }.joined(separator: ", ")) \(add ? "to" : "from") "
                + WriteConfirmation.profiles(unique.count)
            try await session.confirmWrite { what }
        }
        let entries = try await session.fanOut(unique, phase: add ? "adding tags" : "removing tags", gated: false) { [self] id in
            try await self.write(id, unchanged: add ? .alreadyPresent : .notPresent, merge: { held in
                add ? held + tags.filter { !held.contains($0) } : held.filter { !tags.contains($0) }
            }, resumeCovers: { earlier in
                add ? tags.allSatisfy(earlier.added.contains) : tags.allSatisfy(earlier.removed.contains)
            })
        }
        if session.dryRun {
            for entry in entries {
                for tag in entry.added { plan[tag, default: (0, 0)].add += 1 }
                for tag in entry.removed { plan[tag, default: (0, 0)].remove += 1 }
            }
        }
        return TagChangeResult(tags: tags, add: add, dryRun: session.dryRun, warnings: warnings, entries: entries)
    }

    /// One profile: read, merge (`merge` gives the list wanted from the list held), check, PUT, verify.
    /// `resumeCovers`: whether an earlier attempt's write to this profile already did what is asked now.
    nonisolated func write(
        _ id: String, unchanged: TagChangeResult.Outcome, merge: @escaping @Sendable ([String]) -> [String], resumeCovers: @Sendable (TagDelta) -> Bool = { _ in false }
    ) async throws -> TagChangeResult.Entry {
        let earlier = session.earlierTagWrites(id)
        var entry = TagChangeResult.Entry(profileID: id)
        guard var base = try await read(id) else {
            entry.outcome = .failed
            entry.error = "profile not found"
            return entry
        }
        var applied = TagDelta()
        for attempt in 1...Self.maximumTries {
            entry.tries = attempt
            let held = base.tags ?? []
            let wanted = merge(held)
            let delta = TagDelta(from: held, to: wanted)
            if delta.isEmpty {
                entry.tags = held
                if !applied.isEmpty {
                    entry.settle(applied)
                } else if earlier.contains(where: resumeCovers) {
                    // An earlier attempt of this run did it (resume): reported as its doing, not sent again.
                    entry.settle(earlier.reduce(TagDelta()) { $0.union($1) })
                    entry.detail = "written by an earlier attempt of this run"
                } else {
                    entry.outcome = unchanged
                }
                return entry
            }
            if session.dryRun {
                entry.tags = wanted
                entry.outcome = delta.added.isEmpty ? .wouldRemove : .wouldAdd
                entry.added = delta.added
                entry.removed = delta.removed
                return entry
            }
            // The read just before the PUT: someone else's write since the merge's read means merge again.
            guard let check = try await read(id) else {
                entry.outcome = .failed
                entry.error = "profile not found"
                return entry
            }
            if check.updatedAt != base.updatedAt || check.tags != base.tags {
                base = check
                entry.detail = "changed by someone else while it was written (try \(attempt))"
                continue
            }
            switch try await put(id, wanted: wanted, held: held, delta: delta) {
            case .done(let kept):
                applied = applied.union(delta)
                entry.tags = kept
                entry.settle(applied)
                return entry
            case .dropped(let tags, let kept):
                applied = applied.union(TagDelta(added: delta.added.filter { !tags.contains($0) }, removed: delta.removed))
                entry.tags = kept
                entry.outcome = .failed
                entry.error = "the tenant did not keep " + tags.map { "'\($0)'" }.joined(separator: ", ")
                    + " (answered 200 without it): check that the tag may be used on this tenant"
                return entry
            case .changed(let now, let sent):
                if sent { applied = applied.union(delta) }
                base = now
                entry.detail = "changed by someone else while it was written (try \(attempt))"
            case .refused(let message):
                entry.outcome = .failed
                entry.error = message
                return entry
            }
        }
        entry.outcome = .conflict
        entry.tags = base.tags ?? []
        entry.error = "changed by someone else on each of \(Self.maximumTries) tries; not written, read it and run again"
        if !applied.isEmpty { entry.settle(applied) }
        return entry
    }

    private enum PutEnd {
        /// Applied: the answer's list is the list sent.
        case done([String])
        /// Applied, but the tenant dropped these new tags without a word.
        case dropped([String], kept: [String])
        /// The list the tenant holds now is neither the list sent nor it minus new tags: someone else wrote.
        /// `sent`: our PUT was applied (answered), so what it did counts for undo and for the outcome.
        case changed(OmneoProfile, sent: Bool)
        case refused(String)
    }

    /// The PUT through the ledger (before-tags, intent, answer), then the answer's list checked; an
    /// answer without a list, or a lost answer, is read back.
    private nonisolated func put(_ id: String, wanted: [String], held: [String], delta: TagDelta) async throws -> PutEnd {
        try session.recordTagsBefore(id, held)
        let handles = [delta.added, delta.removed]
        var answer: OmneoProfile
        do {
            answer = try await session.ledger.perform(
                .tags, ids: [id], handles: handles, readsBack: true, answer: { _ in .applied(profileIDs: [id], status: 200) }
            ) {
                try await self.session.call { try await $0.replaceTags(id: id, wanted) }
            }.result
        } catch let uncertain as UncertainWrite {
            // No answer: what the tenant holds now says whether it applied.
            guard let now = try await read(id) else { return .refused(uncertain.error.description) }
            if now.tags == wanted {
                try session.ledger.record(uncertain.write, .applied(profileIDs: [id], status: 200))
                return .done(wanted)
            }
            if now.tags == held {
                try session.ledger.notApplied(uncertain.write, "\(uncertain.error.description); read back: the tags are as before, so it did not apply")
            }
            // Not applied, or someone else wrote too (the intent then stays: it may have applied): merge again.
            return .changed(now, sent: false)
        } catch let error as OmneoClientError where !error.stopsTheRun {
            return .refused(error.description)
        }
        if answer.tags == nil, let now = try await read(id) { answer = now }
        let kept = answer.tags ?? []
        if kept == wanted { return .done(kept) }
        let missing = delta.added.filter { !kept.contains($0) }
        if !missing.isEmpty, kept == wanted.filter({ !missing.contains($0) }) { return .dropped(missing, kept: kept) }
        return .changed(answer, sent: true)
    }

    private nonisolated func read(_ id: String) async throws -> OmneoProfile? {
        try await session.call { try await $0.profile(id: id) }
    }
}

/// What one tag write changed on one profile.
package struct TagDelta: Sendable, Equatable {
    package var added: [String] = []
    package var removed: [String] = []

    package init(added: [String] = [], removed: [String] = []) {
        self.added = added
        self.removed = removed
    }

    init(from held: [String], to wanted: [String]) {
        added = wanted.filter { !held.contains($0) }
        removed = held.filter { !wanted.contains($0) }
    }

    var isEmpty: Bool { added.isEmpty && removed.isEmpty }

    func union(_ other: TagDelta) -> TagDelta {
        TagDelta(added: added + other.added.filter { !added.contains($0) }, removed: removed + other.removed.filter { !removed.contains($0) })
    }
}

/// The answer of `omneo.profile_tags.add/remove`: one entry per profile, in the order given.
package struct TagChangeResult: Sendable {
    package enum Outcome: String, Sendable {
        case added, removed
        case alreadyPresent = "already_present"
        case notPresent = "not_present"
        case wouldAdd = "would_add"
        case wouldRemove = "would_remove"
        case conflict, failed
    }

    package struct Entry: Sendable {
        package var profileID: String
        package var outcome: Outcome = .failed
        /// The profile's tags as last seen (after the write when it was written).
        package var tags: [String] = []
        package var added: [String] = []
        package var removed: [String] = []
        package var tries = 0
        package var error: String?
        package var detail: String?

        init(profileID: String) { self.profileID = profileID }

        mutating func settle(_ delta: TagDelta) {
            added = delta.added
            removed = delta.removed
            outcome = delta.added.isEmpty ? .removed : .added
        }
    }

    package var tags: [String]
    package var add: Bool
    package var dryRun: Bool
    package var warnings: [String]
    package var entries: [Entry]
}
