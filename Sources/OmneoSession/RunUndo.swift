// `omneo-run undo RUN`: puts back, on every profile the run wrote statuses to, each handle it wrote as
// it was before the run (removes what it added, re-adds what it removed), and nothing else. The undo is
// itself a journaled run, so undoing it re-applies the original change.
import OmneoModel
package import OmneoClient
public import OmneoJournal
import OmneoModel

public enum RunUndo {
    public struct Settings: Sendable {
        public var dryRun = false
        public var concurrency = 64
        public var progress = RunProgress()
        public var timeout: Double = 600
        /// The question before the first write (nil: none).
        public var confirmation: WriteConfirmation?
        public init() {}
    }

    public struct Result: Sendable {
        /// Profile id -> handles removed (they were added by the run) and re-added (removed by the run).
        public var removed: [String: [String]] = [:]
        public var readded: [String: [String]] = [:]
        /// Profiles already as before the run for every handle it wrote.
        public var unchanged = 0
        /// Profiles whose statuses before the run were never recorded, or that no longer exist.
        public var unknownBefore: [String] = []
        public var missing: [String] = []
        public var failures: [(profileID: String, error: String)] = []
        /// The profiles the run created, updated or deleted: undo leaves them as they are.
        public var profileChanges = ProfileChanges()
        /// The run's identity writes, put back (RunUndo+Identities).
        public var identities = IdentityResult()
        /// The run's custom attribute writes, put back (RunUndo+Attributes).
        public var attributes = AttributeResult()
        /// Profile id -> tags removed (added by the run) and put back (removed by the run).
        public var tagsRemoved: [String: [String]] = [:]
        public var tagsReadded: [String: [String]] = [:]
        public var requests = 0
    }

    /// What the run changed, per profile: each handle it attached or detached (items that failed excluded),
    /// and for an upsert that replaced a profile's statuses, the handles it set and those it held before.
    /// A write without a recorded answer counts: it may have applied.
    static func touched(_ writes: [WriteRecord], befores: [String: BeforeStatuses]) -> [String: Set<String>] {
        var touched: [String: Set<String>] = [:]
        for write in writes where write.operation.changesStatuses && write.state != .refused {
            let failed = Set(write.failures.compactMap(\.first))
            for (id, handles) in zip(write.profileIDs, write.handles) where !id.isEmpty && !failed.contains(id) {
                let replaced = write.operation == .upsertReplace ? befores[id]?.statuses ?? [] : []
                touched[id, default: []].formUnion(handles + replaced)
            }
        }
        return touched
    }

    /// Reads the touched profiles now, then detaches and attaches what differs from before the run.
    /// Rows go to `report` (one per touched profile); everything is journaled under `journal`.
    package static func execute(
        of runID: String, journal: RunJournal, client: OmneoClient, settings: Settings, report: some OutcomeRows
    ) async throws -> Result {
        let writes = try journal.record { try $0.writes(runID: runID) }
        let befores = try journal.record { try $0.befores(runID: runID) }
        let touched = touched(writes, befores: befores)
        var result = Result()
        result.profileChanges = ProfileChanges(writes)
        let session = TenantSession(
            client: client, tenant: journal.tenant.name, dryRun: settings.dryRun, concurrency: settings.concurrency,
            progress: settings.progress, journal: journal, confirmation: settings.confirmation
        )
        let writer = StatusWriter(session: session)
        let ids = touched.keys.sorted()
        let current = try await session.fanOut(ids, phase: "reading profiles") { id in try await client.profile(id: id) }
        try session.remember(current.compactMap { $0 })
        // Rows are keyed by profile id; each carries its email too (as read now, else as the run looked it up).
        var emails = try journal.record { try $0.lookups(runID: runID) }.reduce(into: [String: String]()) { emails, lookup in
            // An identity's lookup (`identity:shopify:4512`, IdentityResolver) names no email.
            if lookup.value.matches.count == 1, !lookup.key.hasPrefix("identity:"), let id = lookup.value.matches.first?.id { emails[id] = lookup.key }
        }
        for profile in current.compactMap({ $0 }) { if let email = profile.email { emails[profile.id] = email } }
        let report = EmailRows(report: report, emails: emails)
        var detach: [StatusAssignment] = [], attach: [StatusAssignment] = []
        for (id, now) in zip(ids, current) {
            guard let before = befores[id] else {
                result.unknownBefore.append(id)
                report.row(id, "skipped", detail: "its statuses before the run were not recorded; left as it is")
                continue
            }
            guard let now else {
                result.missing.append(id)
                report.row(id, "not_found", detail: "the profile no longer exists")
                continue
            }
            // A handle the run learnt nothing of (an id from the cache, written with another handle) is left.
            let handles = touched[id, default: []].sorted().filter { before.held($0) != nil }
            guard !handles.isEmpty else {
                result.unknownBefore.append(id)
                report.row(id, "skipped", detail: "its statuses before the run were not read; left as it is")
                continue
            }
            let extra = handles.filter { before.held($0) == false && now.statuses.contains($0) }
            let lost = handles.filter { before.held($0) == true && !now.statuses.contains($0) }
            if !extra.isEmpty { detach.append(StatusAssignment(profileID: id, statuses: extra)) }
            if !lost.isEmpty { attach.append(StatusAssignment(profileID: id, statuses: lost)) }
            if extra.isEmpty && lost.isEmpty {
                result.unchanged += 1
                report.row(id, "skipped", detail: "already as before the run")
            }
        }
        let changes = [(detach, false), (attach, true)].filter { !$0.0.isEmpty }
        if !settings.dryRun, !changes.isEmpty {
            // One question for the whole undo, both of its jobs.
            let question = "undo run \(runID): " + changes.map { WriteConfirmation.statuses($0.0, attach: $0.1) }.joined(separator: ", and ")
            try await session.confirmWrite { question }
        }
        var failed: [String: String] = [:]
        for (entries, isAttach) in changes {
            let job = try await writer.write(entries, attach: isAttach, chunk: StatusWriter.maximumChunk)
            guard !settings.dryRun else { continue }
            let settled = try await writer.settle(job, timeout: settings.timeout)
            for failure in settled.failures { failed[failure.profileID] = failure.error }
        }
        result.failures = failed.sorted { $0.key < $1.key }.map { (profileID: $0.key, error: $0.value) }
        for entry in detach where failed[entry.profileID] == nil { result.removed[entry.profileID] = entry.statuses }
        for entry in attach where failed[entry.profileID] == nil { result.readded[entry.profileID] = entry.statuses }
        rows(ids: ids, detach: detach, attach: attach, failed: failed, dryRun: settings.dryRun, report: report)
        let fields = try journal.record { try $0.beforeFields(runID: runID) }
        result.identities = try await undoIdentities(writes, befores: fields, session: session, runID: runID, report: report)
        result.attributes = try await undoAttributes(writes, befores: fields, session: session, runID: runID, report: report)
        try await undoTags(writes, runID: runID, journal: journal, session: session, settings: settings, report: report, result: &result)
        result.requests = client.statistics.requestsSent
        return result
    }

    private static func rows(
        ids: [String], detach: [StatusAssignment], attach: [StatusAssignment], failed: [String: String], dryRun: Bool, report: EmailRows
    ) {
        let removing = Dictionary(uniqueKeysWithValues: detach.map { ($0.profileID, $0.statuses) })
        let adding = Dictionary(uniqueKeysWithValues: attach.map { ($0.profileID, $0.statuses) })
        for id in ids where removing[id] != nil || adding[id] != nil {
            var parts: [String] = [], change: [String] = []
            if let handles = removing[id] {
                parts.append((dryRun ? "would remove " : "removed ") + handles.joined(separator: ", "))
                change += handles.map { "remove " + $0 }
            }
            if let handles = adding[id] {
                parts.append((dryRun ? "would re-add " : "re-added ") + handles.joined(separator: ", "))
                change += handles.map { "add " + $0 }
            }
            let detail = parts.joined(separator: "; ")
            let outcome: String
            if failed[id] != nil {
                outcome = "failed"
            } else if dryRun {
                outcome = removing[id] != nil ? "would_remove" : "would_add"
            } else {
                outcome = removing[id] != nil && adding[id] == nil ? "removed" : adding[id] != nil && removing[id] == nil ? "added" : "updated"
            }
            report.row(id, outcome, detail: failed[id].map { "\(detail): \($0)" } ?? detail,
                       change: outcome == "failed" ? nil : change.joined(separator: ", "))
        }
    }
}

/// Undo's rows: keyed by profile id, each with the profile's email.
struct EmailRows {
    let report: any OutcomeRows
    let emails: [String: String]

    func row(_ id: String, _ outcome: String, detail: String, change: String? = nil) {
        report.row(ReportRow(key: id, email: emails[id], profileID: id, outcome: outcome, change: change, detail: detail))
    }
}
