// The asynchronous side: writes that queue a batch, the queue that processes them, and GET /v3/batches/{id}.
import OmneoModel
import Foundation

extension TenantStore {
    static let maximumBatchEntries = 500

    /// `POST` (attach) or `DELETE` (detach) `/v3/profile/status/batch.json`.
    func queueStatusBatch(_ body: JSONValue?, attach: Bool) throws(SandboxAPIError) -> String {
        let list = try Self.entries(body, key: "profiles")
        var errors: [String: [String]] = [:]
        var entries: [BatchRecord.StatusEntry] = []
        for (index, entry) in list.enumerated() {
            let profileID = entry["profile_id"]?.stringValue ?? entry["profile_id"]?.intValue.map(String.init)
            if profileID == nil || profileID!.isEmpty {
                errors["profiles.\(index).profile_id"] = ["The profiles.\(index).profile_id field is required."]
            }
            let handles = entry["statuses"]?.arrayValue?.compactMap(\.stringValue)
            if handles == nil || handles!.isEmpty || handles!.count != entry["statuses"]?.arrayValue?.count {
                errors["profiles.\(index).statuses"] = ["The profiles.\(index).statuses must be a non-empty array of handles."]
            }
            if let profileID, let handles { entries.append(.init(profileID: profileID, handles: handles)) }
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return enqueue(attach ? .attachStatuses(entries) : .detachStatuses(entries))
    }

    /// `POST /v3/profiles/batch`: match by email or an identity handle; update the match, else create.
    func queueProfileBatch(_ body: JSONValue?) throws(SandboxAPIError) -> String {
        let list = try Self.entries(body, key: "profiles")
        var errors: [String: [String]] = [:]
        let criteria = body?["match_criteria"]?.stringValue ?? ""
        if criteria.isEmpty { errors["match_criteria"] = ["The match criteria field is required."] }
        var profiles: [[String: JSONValue]] = []
        for (index, entry) in list.enumerated() {
            guard let fields = entry.objectValue else {
                errors["profiles.\(index)"] = ["The profiles.\(index) must be an object."]
                continue
            }
            errors.merge(ProfileValidator.errors(of: fields, prefix: "profiles.\(index).")) { $0 + $1 }
            let key = "profiles.\(index).\(criteria == "email" ? "email" : "identities")"
            if !criteria.isEmpty, Self.matchValue(fields, criteria: criteria) == nil, errors[key] == nil {
                errors[key] = ["The \(key) field is required when match_criteria is \(criteria)."]
            }
            profiles.append(fields)
        }
        if !errors.isEmpty { throw .invalid(errors) }
        return enqueue(.upsertProfiles(matchCriteria: criteria, profiles: profiles))
    }

    func batch(id: String) throws(SandboxAPIError) -> JSONValue {
        guard var batch = batches[id] else { throw .notFound("Batch") }
        let answer = batch.poll()
        batches[id] = batch
        return answer
    }

    /// The list under `key`, 1 to 500 entries, or the 422 Laravel gives.
    static func entries(_ body: JSONValue?, key: String) throws(SandboxAPIError) -> [JSONValue] {
        guard let list = body?[key]?.arrayValue, !list.isEmpty else {
            throw .invalid([key: ["The \(key) field is required."]])
        }
        guard list.count <= maximumBatchEntries else {
            throw .invalid([key: ["The \(key) may not have more than \(maximumBatchEntries) items."]])
        }
        return list
    }

    static func matchValue(_ fields: [String: JSONValue], criteria: String) -> String? {
        if criteria == "email" { return fields["email"]?.stringValue.map(StoredProfile.emailKey) }
        return fields["identities"]?.arrayValue?.first(where: { $0["handle"]?.stringValue == criteria })?["identifier"]?.stringValue
    }

    // MARK: The queue

    func enqueue(_ work: BatchRecord.Work) -> String {
        let id = Self.newID()
        let now = Date()
        batches[id] = BatchRecord(id: id, work: work, created: now, readyAt: .now + configuration.batchDelay, updated: now)
        queue.append(id)
        if worker == nil {
            worker = Task { await self.drain() }
        }
        return id
    }

    /// Processes queued batches in order, each once its delay has passed.
    func drain() async {
        while queueHead < queue.count, !Task.isCancelled {
            let id = queue[queueHead]
            if let readyAt = batches[id]?.readyAt, readyAt > .now {
                try? await Task.sleep(until: readyAt, clock: .continuous)
                continue
            }
            queueHead += 1
            if queueHead > 1024, queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            process(id)
        }
        worker = nil
    }

    func process(_ id: String) {
        guard var batch = batches[id] else { return }
        switch batch.work {
        case .attachStatuses(let entries), .detachStatuses(let entries):
            let attach = if case .attachStatuses = batch.work { true } else { false }
            let handles = knownHandles
            batch.items = entries.map { entry in
                apply(entry, attach: attach, knownHandles: handles)
            }
        case .upsertProfiles(let criteria, let list):
            batch.items = list.map { upsert($0, criteria: criteria) }
        }
        batch.finished = true
        batch.updated = Date()
        var until = ContinuousClock.now
        batch.end = configuration.batchEnd
        batch.phases = configuration.batchStates.map { phase in
            until += phase.duration
            return (phase.state, until, phase.minimumPolls)
        }
        batches[id] = batch
        retire(id)
    }

    func apply(_ entry: BatchRecord.StatusEntry, attach: Bool, knownHandles: Set<String>) -> BatchRecord.Item {
        let itemID = Self.newID()
        if injectItemFailure() {
            return .init(id: itemID, entityID: entry.profileID, succeeded: false, error: "Internal error processing item.")
        }
        guard var profile = live(entry.profileID) else {
            return .init(id: itemID, entityID: entry.profileID, succeeded: false, error: "Profile not found.")
        }
        let handles = entry.handles.filter(knownHandles.contains)
        if attach ? profile.attach(handles) : profile.detach(handles) {
            profile.updated = Date()
            profiles[profile.id] = profile
        }
        return .init(id: itemID, entityID: entry.profileID, succeeded: true, error: nil)
    }

    func upsert(_ fields: [String: JSONValue], criteria: String) -> BatchRecord.Item {
        let itemID = Self.newID()
        if injectItemFailure() {
            return .init(id: itemID, entityID: nil, succeeded: false, error: "Internal error processing item.")
        }
        let value = Self.matchValue(fields, criteria: criteria)
        let matches: [String] = if criteria == "email" {
            (value.flatMap { emailIndex[$0] } ?? []).filter { live($0) != nil }
        } else {
            order.filter { live($0)?.identifier(forIdentity: criteria) == value }
        }
        switch matches.count {
        case 0:
            let profile = StoredProfile(id: Self.newID(), fields: fields, statuses: known(fields["statuses"]), created: Date())
            insert(profile)
            return .init(id: itemID, entityID: profile.id, succeeded: true, error: nil)
        case 1:
            var profile = profiles[matches[0]]!
            apply(fields, to: &profile)
            return .init(id: itemID, entityID: profile.id, succeeded: true, error: nil)
        default:
            return .init(id: itemID, entityID: nil, succeeded: false, error: "Several profiles match \(criteria) '\(value ?? "")'.")
        }
    }

    func injectItemFailure() -> Bool {
        configuration.faults.itemFailure > 0 && itemFailures.unit() < configuration.faults.itemFailure
    }

    /// Keeps memory flat: past the retention, the oldest finished batch is forgotten.
    func retire(_ id: String) {
        finishedBatches.append(id)
        let excess = finishedBatches.count - configuration.batchRetention
        if excess > 1024 || (excess > 0 && configuration.batchRetention < 1024) {
            for old in finishedBatches.prefix(excess) { batches[old] = nil }
            finishedBatches.removeFirst(excess)
        }
    }

    public func shutdown() {
        worker?.cancel()
    }
}
