// `undo` of a run's custom attribute writes: each attribute it set or removed gets back the `{type,
// value}` the journal recorded before the run (or is deleted, when the run created it), but only while
// the tenant still holds what the run left; one someone changed since is theirs, left and reported.
import OmneoClient
public import OmneoJournal
import OmneoModel

extension RunUndo {
    public typealias AttributeResult = FieldResult

    static func undoAttributes(
        _ writes: [WriteRecord], befores: [BeforeField], session: TenantSession, runID: String, report: EmailRows
    ) async throws -> AttributeResult {
        var result = AttributeResult()
        var order: [String] = []
        var left: [String: (id: String, key: String, after: AttributeWriter.Held?)] = [:]
        for write in writes where write.operation.changesAttributes && write.state != .refused {
            guard let id = write.profileIDs.first, let key = write.handles.first?.first else { continue }
            let slot = id + "\u{0}" + key
            if left[slot] == nil { order.append(slot) }
            left[slot] = (id, key, AttributeWriter.after(write))
        }
        guard !order.isEmpty else { return result }
        var before: [String: AttributeWriter.Held?] = [:]
        for field in befores where field.kind == .attribute {
            let slot = field.profileID + "\u{0}" + field.key
            if before[slot] == nil { before[slot] = .some(field.value.flatMap { AttributeWriter.Held($0) }) }
        }
        let writer = AttributeWriter(session: session)
        var restore: [(id: String, namespace: String, handle: String, to: AttributeWriter.Held?, change: String)] = []
        for slot in order {
            guard let entry = left[slot] else { continue }
            let (id, key) = (entry.id, entry.key)
            let namespace = String(key.prefix(while: { $0 != ":" }))
            let handle = String(key.dropFirst(namespace.count + 1))
            guard let recorded = before[slot] else {
                result.unknownBefore.append(id)
                report.row(id, "skipped", detail: "its attribute \(key) before the run was not recorded; left as it is")
                continue
            }
            let held: AttributeWriter.Held?
            do {
                held = try await writer.read(id, namespace, handle)
            } catch is ExpectedFailure {
                result.missing.append(id)
                report.row(id, "not_found", detail: "the profile no longer exists")
                continue
            }
            func shown(_ value: AttributeWriter.Held?) -> String {
                value.map { String(decoding: $0.value.serialized(), as: UTF8.self) } ?? "none"
            }
            if held == recorded {
                result.unchanged += 1
                report.row(id, "skipped", detail: "attribute \(key) already as before the run")
            } else if held?.value != entry.after?.value {
                let detail = "attribute \(key) changed since the run (now \(shown(held)), the run left \(shown(entry.after))); left as it is"
                result.changedSince.append((id, detail))
                report.row(id, "skipped", detail: detail)
            } else {
                restore.append((id, namespace, handle, recorded, recorded.map { "attribute \(key) = \(shown($0))" } ?? "remove attribute \(key)"))
            }
        }
        if !session.dryRun, !restore.isEmpty {
            let count = restore.count
            try await session.confirmWrite { "undo run \(runID): put back \(count) custom attribute\(count == 1 ? "" : "s")" }
        }
        for item in restore {
            do {
                let outcome = try await writer.set(item.id, namespace: item.namespace, handle: item.handle, to: item.to)
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
