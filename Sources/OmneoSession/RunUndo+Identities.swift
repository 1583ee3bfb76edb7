// `undo` of a run's identity writes: each identity it added, changed or removed is put back as the
// journal recorded it before the run (none: removed; an identifier: set again), but only while the
// profile still shows what the run left; an identity someone changed since is theirs, left and reported.
import OmneoClient
public import OmneoJournal
import OmneoModel

extension RunUndo {
    public typealias IdentityResult = FieldResult

    /// What undo did to a run's identity or custom attribute writes (`identities`, `attributes` of `Result`).
    public struct FieldResult: Sendable {
        /// `profile id: what was put back`, e.g. `p1: remove identity shopify`.
        public var restored: [(profileID: String, change: String)] = []
        /// Already as before the run.
        public var unchanged = 0
        /// Changed by someone else since the run: left as they are.
        public var changedSince: [(profileID: String, detail: String)] = []
        /// Written without a recorded before (not expected: the before is journaled ahead of the write).
        public var unknownBefore: [String] = []
        public var missing: [String] = []
        public var failures: [(profileID: String, error: String)] = []
        public init() {}
    }

    /// The identity each (profile, handle) was left with by the run's last write of it: nil removed it.
    /// Refused writes changed nothing; one without an answer may have applied, so it counts.
    static func identitiesLeft(_ writes: [WriteRecord]) -> [(profileID: String, handle: String, after: String?)] {
        var order: [String] = []
        var left: [String: (String, String, String?)] = [:]
        for write in writes where write.operation.changesIdentities && write.state != .refused {
            guard let id = write.profileIDs.first, let fields = write.handles.first, let handle = fields.first else { continue }
            let key = id + "\u{0}" + handle
            if left[key] == nil { order.append(key) }
            left[key] = (id, handle, write.operation == .identityRemove ? nil : fields.count > 1 ? fields[1] : nil)
        }
        return order.compactMap { left[$0] }.map { (profileID: $0.0, handle: $0.1, after: $0.2) }
    }

    static func undoIdentities(
        _ writes: [WriteRecord], befores: [BeforeField], session: TenantSession, runID: String, report: EmailRows
    ) async throws -> IdentityResult {
        var result = IdentityResult()
        let left = identitiesLeft(writes)
        guard !left.isEmpty else { return result }
        var before: [String: String?] = [:]
        for field in befores where field.kind == .identity {
            let key = field.profileID + "\u{0}" + field.key
            if before[key] == nil { before[key] = .some(field.value?.lenientString) }
        }
        let ids = Array(Set(left.map(\.profileID))).sorted()
        let client = session.client
        let current = try await session.fanOut(ids, phase: "reading profiles") { id in try await client.profile(id: id) }
        let now = Dictionary(uniqueKeysWithValues: zip(ids, current))
        var restore: [(id: String, handle: String, to: String?, change: String)] = []
        for entry in left {
            let id = entry.profileID, handle = entry.handle
            guard let recorded = before[id + "\u{0}" + handle] else {
                result.unknownBefore.append(id)
                report.row(id, "skipped", detail: "its identity \(handle) before the run was not recorded; left as it is")
                continue
            }
            guard let profile = now[id] ?? nil else {
                result.missing.append(id)
                report.row(id, "not_found", detail: "the profile no longer exists")
                continue
            }
            let held = IdentityWriter.identifier(of: profile, handle: handle)
            if held == recorded {
                result.unchanged += 1
                report.row(id, "skipped", detail: "identity \(handle) already as before the run")
            } else if held != entry.after {
                let detail = "identity \(handle) changed since the run (now \(held ?? "none"), the run left \(entry.after ?? "none")); left as it is"
                result.changedSince.append((id, detail))
                report.row(id, "skipped", detail: detail)
            } else {
                restore.append((id, handle, recorded, recorded.map { "identity \(handle) \($0)" } ?? "remove identity \(handle)"))
            }
        }
        if !session.dryRun, !restore.isEmpty {
            let count = restore.count
            try await session.confirmWrite { "undo run \(runID): put back \(count) identit\(count == 1 ? "y" : "ies")" }
        }
        let writer = IdentityWriter(session: session)
        for item in restore {
            do {
                let outcome = try await writer.set(item.id, handle: item.handle, to: item.to)
                result.restored.append((item.id, item.change))
                report.row(item.id, outcome.rawValue, detail: (session.dryRun ? "would put back " : "put back ") + item.change, change: item.change)
            } catch let error as ExpectedFailure {
                result.failures.append((item.id, error.message))
                report.row(item.id, "failed", detail: "\(item.change): \(error.message)")
            } catch let error as OmneoClientError where !error.stopsTheRun {
                result.failures.append((item.id, error.description))
                report.row(item.id, "failed", detail: "\(item.change): \(error.description)")
            }
        }
        return result
    }
}
