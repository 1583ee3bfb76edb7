// A write in words, for `show` and `undo`: what it asked the tenant for, and how that ended.
public import OmneoModel
extension WriteRecord {
    /// Batch writes whose failed items are listed in `failures`; the others are one profile each.
    var isBatch: Bool { [.attach, .detach, .upsert, .upsertReplace].contains(operation) }

    /// `add 'vip' to 250 profiles`, `create a profile (6b1f...)`, `upsert 500 profiles (380 new, 120 matched)`.
    public var change: String {
        let count = profileIDs.count
        let profiles = "\(count) profile\(count == 1 ? "" : "s")"
        let one = profileIDs.first.flatMap { $0.isEmpty ? nil : $0 }
        switch operation {
        case .attach: return "add \(Self.handles(handles)) to \(profiles)"
        case .detach: return "remove \(Self.handles(handles)) from \(profiles)"
        case .create: return "create a profile" + (one.map { " (\($0))" } ?? "")
        case .update: return "update profile \(one ?? "?")"
        case .delete: return "delete profile \(one ?? "?")"
        case .purge: return "purge profile \(one ?? "?")"
        case .tags:
            let parts = [("add", handles.first ?? []), ("remove", handles.dropFirst().first ?? [])].filter { !$0.1.isEmpty }
                .map { "\($0.0) " + $0.1.map { "'\($0)'" }.joined(separator: ", ") }
            return "tags of profile \(one ?? "?"): " + (parts.isEmpty ? "no change" : parts.joined(separator: "; "))
        case .upsert, .upsertReplace:
            let matched = profileIDs.count(where: { !$0.isEmpty })
            let replacing = operation == .upsertReplace ? ", replacing their statuses" : ""
            return "upsert \(profiles) (\(count - matched) new, \(matched) matched)\(replacing)"
        case .identityAdd, .identityChange, .identityRemove, .attributeAdd, .attributeChange, .attributeRemove:
            return Self.identityChange(operation, handles.first ?? []) + " on profile \(one ?? "?")"
        }
    }

    /// `done: 248 applied, 2 failed`, `refused, nothing changed: ...`, `no answer recorded: it may have applied`.
    public var result: String {
        let batch = batchID.map { " (batch \($0))" } ?? ""
        switch state {
        case .intent: return "no answer recorded: it may have applied"
        case .sent: return "accepted\(batch), its end was not recorded"
        case .pending: return "still pending when the run stopped waiting\(batch)"
        case .refused: return "refused, nothing changed" + (error.map { ": \($0)" } ?? "")
        case .finished:
            guard isBatch else { return "done" }
            let failed = failures.count
            return "done: \(max(0, profileIDs.count - failed)) applied" + (failed > 0 ? ", \(failed) failed" : "")
        }
    }

    /// `add identity shopify 4512`, `change identity shopify to 4513`, `remove identity shopify`,
    /// `set attribute loyalty:tier to "gold"`, `remove attribute loyalty:tier`.
    public static func identityChange(_ operation: WriteOperation, _ fields: [String]) -> String {
        let handle = fields.first ?? "?"
        let identifier = fields.count > 1 ? fields[1] : "?"
        switch operation {
        case .identityAdd: return "add identity \(handle) \(identifier)"
        case .identityChange: return "change identity \(handle) to \(identifier)"
        case .identityRemove: return "remove identity \(handle)"
        case .attributeAdd, .attributeChange: return "set attribute \(handle) to \(fields.count > 2 ? fields[2] : "?")"
        default: return "remove attribute \(handle)"
        }
    }

    /// `'vip'` when every profile got the same handles, else `'vip' (200), 'gold' (50)`.
    static func handles(_ lists: [[String]]) -> String {
        var counts: [String: Int] = [:]
        for list in lists { for handle in Set(list) { counts[handle, default: 0] += 1 } }
        let sorted = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard !sorted.isEmpty else { return "no status" }
        if sorted.allSatisfy({ $0.value == lists.count }) { return sorted.map { "'\($0.key)'" }.joined(separator: ", ") }
        return sorted.map { "'\($0.key)' (\($0.value))" }.joined(separator: ", ")
    }
}

/// The profiles a run's writes created, updated or deleted (writes refused excluded; a write without an
/// answer counts, as it may have applied): what `undo` leaves as it is.
public struct ProfileChanges: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    /// Deleted or purged.
    public var deleted = 0

    public init(created: Int = 0, updated: Int = 0, deleted: Int = 0) {
        self.created = created
        self.updated = updated
        self.deleted = deleted
    }

    public init(_ writes: [WriteRecord]) {
        for write in writes where write.operation.changesProfiles && write.state != .refused {
            switch write.operation {
            case .create: created += 1
            case .update: updated += 1
            case .delete, .purge: deleted += 1
            case .upsert, .upsertReplace:
                // A row without a matched id creates its profile; a failed item applied nothing.
                let matched = Set(write.profileIDs.filter { !$0.isEmpty })
                let failures = write.failures.compactMap(\.first)
                let failedMatched = failures.count(where: { matched.contains($0) })
                updated += max(0, write.profileIDs.count(where: { !$0.isEmpty }) - failedMatched)
                created += max(0, write.profileIDs.count(where: \.isEmpty) - (failures.count - failedMatched))
            case .attach, .detach, .tags, .identityAdd, .identityChange, .identityRemove, .attributeAdd, .attributeChange, .attributeRemove: break
            }
        }
    }

    public var isEmpty: Bool { created == 0 && updated == 0 && deleted == 0 }
}
