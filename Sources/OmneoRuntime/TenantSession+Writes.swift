// Status writes: validated, de-duplicated, chunked, sent as add/remove batches (or planned in a dry run).
import LuaHost
import OmneoClient

extension TenantSession {
    static let maximumChunk = 500

    /// Queues the write and returns the job; a misuse (unknown handle, bad chunk) throws `WriteMisuse`
    /// before anything is sent.
    func write(_ entries: [StatusAssignment], attach: Bool, chunk: Int) async throws -> StatusJob {
        guard (1...Self.maximumChunk).contains(chunk) else {
            throw WriteMisuse("chunk must be between 1 and \(Self.maximumChunk), got \(chunk)")
        }
        if let unknown = try await unknownHandle(in: entries.flatMap(\.statuses)) { throw WriteMisuse(unknown) }
        var job = StatusJob(id: nextJob, attach: attach, entries: StatusJob.merge(entries))
        nextJob += 1
        if dryRun {
            try await plan(&job)
        } else {
            try await send(&job, chunk: chunk)
        }
        jobs[job.id] = job
        return job
    }

    private func send(_ job: inout StatusJob, chunk: Int) async throws {
        progress.begin("sending batches", total: (job.entries.count + chunk - 1) / chunk)
        defer { progress.end() }
        let operation = job.attach ? "attach" : "detach"
        for start in stride(from: 0, to: job.entries.count, by: chunk) {
            defer { progress.step() }
            let slice = Array(job.entries[start..<min(start + chunk, job.entries.count)])
            let ids = slice.map(\.profileID)
            let handles = slice.map(\.statuses)
            if let earlier = earlierWrite(operation, ids: ids, handles: handles), let batchID = earlier.batchID {
                let failures = earlier.state == .finished ? earlier.failures.map { (profileID: $0.first ?? "", error: $0.last ?? "failed") } : nil
                job.batches.append(StatusJob.SentBatch(batchID: batchID, profileIDs: ids, write: earlier.id, recordedFailures: failures))
                continue
            }
            try await recordBefore(ids)
            let write = try intent(operation, ids: ids, handles: handles)
            do {
                let attach = job.attach
                let receipt = try await call { attach ? try await $0.attachStatuses(slice) : try await $0.detachStatuses(slice) }
                try sent(write, batchID: receipt.batchID, status: 202)
                job.batches.append(StatusJob.SentBatch(batchID: receipt.batchID, profileIDs: ids, write: write))
            } catch let error as OmneoClientError where !error.stopsTheRun {
                try refused(write, error)
                job.unsent += ids.map { ($0, error.description) }
            }
        }
    }

    /// A dry run reads each profile's current statuses (once per run) and sends nothing.
    private func plan(_ job: inout StatusJob) async throws {
        let unknown = job.entries.map(\.profileID).filter { knownStatuses[$0] == nil }
        let client = client
        let read = try await fanOut(unknown, phase: "reading profiles for the plan") { id in (id, try? await client.profile(id: id)) }
        try remember(read.compactMap(\.1))
        for (id, profile) in read where profile == nil { job.unsent.append((id, "profile not found")) }
        for entry in job.entries {
            guard let held = knownStatuses[entry.profileID] else { continue }
            let changes = entry.statuses.filter { held.contains($0) != job.attach }
            let noOps = entry.statuses.filter { held.contains($0) == job.attach }
            job.plannedChanges[entry.profileID] = changes
            job.plannedNoOps[entry.profileID] = noOps
            for handle in changes {
                if job.attach { plan.wouldAdd[handle, default: 0] += 1 } else { plan.wouldRemove[handle, default: 0] += 1 }
            }
            for handle in noOps {
                if job.attach { plan.alreadyPresent[handle, default: 0] += 1 } else { plan.notPresent[handle, default: 0] += 1 }
            }
        }
    }

    /// Waits for every batch of the job (concurrently) and reports per-profile failures.
    func wait(job id: Int, timeout: Double) async throws -> LuaValue {
        guard let job = jobs[id] else { throw WriteMisuse("unknown job \(id)") }
        if dryRun { return dryRunResult(job) }
        let settled = try await settle(job, timeout: timeout)
        return .object([
            "done": .boolean(settled.pending.isEmpty),
            "succeeded": .integer(Int64(job.entries.count - settled.failures.count)),
            "failed": .integer(Int64(settled.failures.count)),
            "failures": .array(settled.failures.map { Self.failure($0.profileID, $0.error) }),
            "pending": .array(settled.pending.map { .string($0) }),
        ])
    }

    /// How the job's batches ended: the profiles that failed (with why) and the batches still pending.
    /// Each ending is journaled; a batch an earlier attempt saw finish is not polled again.
    func settle(_ job: StatusJob, timeout: Double) async throws -> (failures: [(profileID: String, error: String)], pending: [String]) {
        let client = client
        let outcomes = try await fanOut(job.batches, phase: "waiting for batches", gated: false) { batch -> Result<BatchProgress?, OmneoClientError> in
            if batch.recordedFailures != nil { return .success(nil) }
            do {
                return .success(try await client.waitForBatch(id: batch.batchID, timeout: timeout))
            } catch let error as OmneoClientError where !error.stopsTheRun {
                return .failure(error)
            }
        }
        var failures = job.unsent
        var pending: [String] = []
        for (batch, outcome) in zip(job.batches, outcomes) {
            switch outcome {
            case .success(nil):
                failures += batch.recordedFailures ?? []
            case .success(let progress?):
                let failed = progress.items.filter(\.failed).map { (profileID: $0.entityID ?? "", error: $0.error ?? "failed") }
                try finished(batch.write, status: progress.status, failures: failed)
                failures += failed
            case .failure(let error):
                try stillPending(batch.write, error, profileIDs: batch.profileIDs)
                pending.append(batch.batchID)
                failures += batch.profileIDs.map { (profileID: $0, error: error.description) }
            }
        }
        return (failures, pending)
    }

    private func dryRunResult(_ job: StatusJob) -> LuaValue {
        let changes = job.plannedChanges.filter { !$0.value.isEmpty }.mapValues { LuaValue.array($0.map { .string($0) }) }
        let noOps = job.plannedNoOps.filter { !$0.value.isEmpty }.mapValues { LuaValue.array($0.map { .string($0) }) }
        return .object([
            "done": .boolean(true),
            "dry_run": .boolean(true),
            "succeeded": .integer(Int64(job.entries.count - job.unsent.count)),
            "failed": .integer(Int64(job.unsent.count)),
            "failures": .array(job.unsent.map { Self.failure($0.profileID, $0.error) }),
            job.attach ? "would_add" : "would_remove": .object(changes),
            job.attach ? "already_present" : "not_present": .object(noOps),
        ])
    }

    static func failure(_ profileID: String, _ error: String) -> LuaValue {
        .object(["profile_id": .string(profileID), "error": .string(error)])
    }
}

/// What can happen in a healthy run, returned to Lua as `nil, message`.
struct ExpectedFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A write the recipe asked for wrongly; raised at the recipe's line before anything is sent.
struct WriteMisuse: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension TenantSession {
    /// `set`: reads the profile, then adds what is missing and removes what is extra; one job for both.
    func converge(_ id: String, to wanted: [String]) async throws -> LuaValue {
        if let unknown = try await unknownHandle(in: wanted) { throw WriteMisuse(unknown) }
        guard let profile = try await call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
        try remember([profile])
        let missing = wanted.filter { !profile.statuses.contains($0) }
        let extra = profile.statuses.filter { !wanted.contains($0) }
        var combined = StatusJob(id: nextJob, attach: true, entries: [StatusAssignment(profileID: id, statuses: wanted)])
        nextJob += 1
        for (handles, attach) in [(missing, true), (extra, false)] where !handles.isEmpty {
            let part = try await write([StatusAssignment(profileID: id, statuses: handles)], attach: attach, chunk: 1)
            combined.batches += part.batches
            combined.unsent += part.unsent
            for (key, value) in part.plannedChanges { combined.plannedChanges[key, default: []] += value }
        }
        jobs[combined.id] = combined
        return combined.luaValue
    }
}
