// Status writes: validated, de-duplicated, chunked, sent as the additive add/remove batches (never a PUT),
// then waited for; a dry run reads each profile's statuses once and plans instead.
import OmneoClient
public import OmneoModel

public actor StatusWriter {
    public static let maximumChunk = 500

    let session: TenantSession
    private var jobs: [Int: StatusJob] = [:]
    private var streams: [Int: StreamedJob] = [:]
    var feeds: [Int: Stream] = [:]

    private struct StreamedJob {
        let attach: Bool
        var chunks: [Int: [StatusAssignment]] = [:]
        var sent: [Int: StatusJob.SentBatch?] = [:]
        var unsent: [(String, String)] = []
    }
    /// Dry run: per handle, how many profiles would gain or lose it.
    private var plan = StatusPlan()

    public init(session: TenantSession) { self.session = session }

    /// The dry run's lines so far, one per handle.
    public var planLines: [String] { plan.lines }

    /// Queues the write and returns the job; a misuse (unknown handle, bad chunk) throws `WriteMisuse`
    /// before anything is sent.
    public func write(_ entries: [StatusAssignment], attach: Bool, chunk: Int) async throws -> StatusJob {
        try await check(handles: entries.flatMap(\.statuses), chunk: chunk)
        var job = StatusJob(id: session.nextJobID(), attach: attach, entries: StatusJob.merge(entries))
        if session.dryRun {
            try await planned(&job)
        } else {
            try await send(&job, chunk: chunk)
        }
        jobs[job.id] = job
        return job
    }

    /// A misuse (bad chunk size, unknown handle) throws `WriteMisuse` before anything is sent.
    func check(handles: [String], chunk: Int) async throws {
        try Self.check(chunk: chunk)
        try await session.checkHandles(handles)
    }

    static func check(chunk: Int) throws {
        guard (1...maximumChunk).contains(chunk) else {
            throw WriteMisuse("chunk must be between 1 and \(maximumChunk), got \(chunk)")
        }
    }

    private func send(_ job: inout StatusJob, chunk: Int) async throws {
        let progress = session.progress
        progress.begin("sending batches", total: (job.entries.count + chunk - 1) / chunk)
        defer { progress.end() }
        for start in stride(from: 0, to: job.entries.count, by: chunk) {
            defer { progress.step() }
            // The question (when the run asks one) says what the job does from this chunk on.
            let sent = try await sendChunk(
                Array(job.entries[start..<min(start + chunk, job.entries.count)]), attach: job.attach,
                question: WriteConfirmation.statuses(job.entries[start...], attach: job.attach)
            )
            if let batch = sent.batch { job.batches.append(batch) }
            job.unsent += sent.unsent
        }
    }

    /// One chunk through the ledger: matched to an earlier attempt's accepted batch (resume), or sent
    /// after the statuses before the run of its profiles are journaled. A refusal leaves it unsent.
    /// `question` words the write for the run's first-write confirmation (default: this chunk).
    func sendChunk(
        _ slice: [StatusAssignment], attach: Bool, question: String? = nil
    ) async throws -> (batch: StatusJob.SentBatch?, unsent: [(String, String)]) {
        let operation: WriteOperation = attach ? .attach : .detach
        let ids = slice.map(\.profileID)
        let handles = slice.map(\.statuses)
        if let earlier = session.ledger.earlier(operation, ids: ids, handles: handles), let batchID = earlier.batchID {
            let failures = earlier.state == .finished ? earlier.failures.map { (profileID: $0.first ?? "", error: $0.last ?? "failed") } : nil
            return (StatusJob.SentBatch(batchID: batchID, profileIDs: ids, write: earlier.id, recordedFailures: failures), [])
        }
        try await session.confirmWrite { question ?? WriteConfirmation.statuses(slice, attach: attach) }
        // Before the first write to a cached id, so the holders read are the tenant's own, not this run's doing.
        try await session.recordReusedBefore(handles: handles.flatMap { $0 })
        try await session.recordBefore(ids)
        do {
            let (receipt, write) = try await session.ledger.perform(operation, ids: ids, handles: handles, answer: { .queued(batchID: $0.batchID) }) {
                try await self.session.call { attach ? try await $0.attachStatuses(slice) : try await $0.detachStatuses(slice) }
            }
            return (StatusJob.SentBatch(batchID: receipt.batchID, profileIDs: ids, write: write), [])
        } catch let error as OmneoClientError where !error.stopsTheRun {
            return (nil, ids.map { ($0, error.description) })
        }
    }

    /// A job whose chunks arrive one at a time (`TenantServices.writeByEmail`): opened empty, each chunk
    /// sent as it comes (several may be out at once), closed when the last has been answered.
    func open(attach: Bool) -> Int {
        let id = session.nextJobID()
        streams[id] = StreamedJob(attach: attach)
        return id
    }

    /// Sends chunk number `index` of a streamed job.
    func append(_ slice: [StatusAssignment], index: Int, to id: Int) async throws {
        guard let attach = streams[id]?.attach else { throw WriteMisuse("unknown job \(id)") }
        streams[id]?.chunks[index] = slice
        let sent = try await sendChunk(slice, attach: attach)
        streams[id]?.sent[index] = sent.batch
        streams[id]?.unsent += sent.unsent
    }

    /// The streamed job as one job, its chunks in their order (whatever order they were answered in).
    func close(_ id: Int) -> StatusJob {
        let stream = streams.removeValue(forKey: id) ?? StreamedJob(attach: true)
        let order = stream.chunks.keys.sorted()
        var job = StatusJob(id: id, attach: stream.attach, entries: order.flatMap { stream.chunks[$0] ?? [] })
        job.batches = order.compactMap { stream.sent[$0] ?? nil }
        job.unsent = stream.unsent
        jobs[id] = job
        return job
    }

    /// A dry run reads each profile's current statuses (once per run) and sends nothing.
    private func planned(_ job: inout StatusJob) async throws {
        let knowledge = session.knowledge
        let unknown = job.entries.map(\.profileID).filter { knowledge.statuses(of: $0) == nil }
        let client = session.client
        let read = try await session.fanOut(unknown, phase: "reading profiles for the plan") { id in (id, try? await client.profile(id: id)) }
        try session.remember(read.compactMap(\.1))
        for (id, profile) in read where profile == nil { job.unsent.append((id, "profile not found")) }
        for entry in job.entries {
            guard let held = knowledge.statuses(of: entry.profileID) else { continue }
            let changes = entry.statuses.filter { held.contains($0) != job.attach }
            let noOps = entry.statuses.filter { held.contains($0) == job.attach }
            job.plannedChanges[entry.profileID] = changes
            job.plannedNoOps[entry.profileID] = noOps
            plan.count(changes, attach: job.attach, changing: true)
            plan.count(noOps, attach: job.attach, changing: false)
        }
    }

    /// Waits for every batch of the job (concurrently) and reports per-profile failures.
    public func wait(job id: Int, timeout: Double) async throws -> StatusJobResult {
        guard let job = jobs[id] else { throw WriteMisuse("unknown job \(id)") }
        if session.dryRun {
            let plan = StatusJobResult.Plan(
                attach: job.attach, changes: job.plannedChanges.filter { !$0.value.isEmpty }, noOps: job.plannedNoOps.filter { !$0.value.isEmpty })
            return StatusJobResult(done: true, succeeded: job.entries.count - job.unsent.count, failures: job.unsent, pending: [], plan: plan)
        }
        let settled = try await settle(job, timeout: timeout)
        return StatusJobResult(
            done: settled.pending.isEmpty, succeeded: job.entries.count - settled.failures.count, failures: settled.failures,
            pending: settled.pending, plan: nil)
    }

    /// How the job's batches ended: the profiles that failed (with why) and the batches still pending.
    /// Each ending is journaled; a batch an earlier attempt saw finish is not polled again.
    public func settle(_ job: StatusJob, timeout: Double) async throws -> (failures: [(profileID: String, error: String)], pending: [String]) {
        let client = session.client
        let outcomes = try await session.fanOut(job.batches, phase: "waiting for batches", gated: false) { batch -> Result<BatchProgress?, OmneoClientError> in
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
                try session.ledger.finished(batch.write, status: progress.status, failures: failed)
                failures += failed
            case .failure(let error):
                try session.ledger.stillPending(batch.write, error)
                pending.append(batch.batchID)
                failures += batch.profileIDs.map { (profileID: $0, error: error.description) }
            }
        }
        return (failures, pending)
    }

    /// `set`: reads the profile, then adds what is missing and removes what is extra; one job for both.
    public func converge(_ id: String, to wanted: [String]) async throws -> StatusJob {
        try await session.checkHandles(wanted)
        guard let profile = try await session.call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
        try session.remember([profile])
        let missing = wanted.filter { !profile.statuses.contains($0) }
        let extra = profile.statuses.filter { !wanted.contains($0) }
        var combined = StatusJob(id: session.nextJobID(), attach: true, entries: [StatusAssignment(profileID: id, statuses: wanted)])
        for (handles, attach) in [(missing, true), (extra, false)] where !handles.isEmpty {
            let part = try await write([StatusAssignment(profileID: id, statuses: handles)], attach: attach, chunk: 1)
            combined.batches += part.batches
            combined.unsent += part.unsent
            for (key, value) in part.plannedChanges { combined.plannedChanges[key, default: []] += value }
        }
        jobs[combined.id] = combined
        return combined
    }
}
