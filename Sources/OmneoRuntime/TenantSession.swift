// One run's conversation with its tenant: the client, what it already knows, and the run's writes.
import LuaHost
import OmneoClient

actor TenantSession {
    let client: OmneoClient
    let tenant: String
    let dryRun: Bool
    /// How many lookups or polls run at once (`--concurrency`); the client's pacer sets the rate.
    let concurrency: Int
    private var statusFetch: Task<[OmneoStatus], any Error>?
    /// Every tenant call of the run passes through it: `--concurrency` bounds what is in flight.
    let gate: InFlightGate
    /// Statuses each profile held when this run read it, for dry-run plans and `already_present`.
    var knownStatuses: [String: [String]] = [:]
    var jobs: [Int: StatusJob] = [:]
    var nextJob = 1
    /// Dry run: per handle, how many profiles would gain or lose it.
    var plan = DryRunPlan()
    var profileJobs: [Int: ProfileJob] = [:]
    /// Where the run is journaled (nil: nowhere), the profiles whose statuses before the run it holds,
    /// and the earlier attempts' writes this attempt has matched (resume).
    let journal: RunJournal?
    var recordedBefore: Set<String>
    var matchedWrites: Set<Int64> = []
    /// How many times this attempt asked each profile read (its ordinal in the journal).
    var readCounts: [String: Int] = [:]

    let progress: RunProgress

    init(
        client: OmneoClient, tenant: String, dryRun: Bool, concurrency: Int, progress: RunProgress = RunProgress(),
        journal: RunJournal? = nil
    ) {
        self.client = client
        self.journal = journal
        self.recordedBefore = journal?.earlier?.befores ?? []
        self.progress = progress
        self.tenant = tenant
        self.dryRun = dryRun
        self.concurrency = max(1, concurrency)
        self.gate = InFlightGate(concurrency)
    }

    /// A single tenant call, counted against the in-flight bound.
    func call<T: Sendable>(_ body: @escaping @Sendable (OmneoClient) async throws -> T) async throws -> T {
        let client = client
        return try await gate.run { try await body(client) }
    }

    /// Drops what this run learnt of the tenant (a test re-seeded it).
    func forget() {
        statusFetch = nil
        knownStatuses = [:]
    }

    /// Statuses a read showed, for dry-run plans, `already_present` and the journal.
    func remember(_ profiles: [OmneoProfile]) throws {
        try learn(profiles.map { ($0.id, $0.statuses) }, fresh: true)
    }

    /// Every status definition, fetched once per run (tasks asking at once share the one request).
    func statuses() async throws -> [OmneoStatus] {
        if let statusFetch { return try await statusFetch.value }
        let fetch = Task { [gate, client] in try await gate.run { try await client.statuses() } }
        statusFetch = fetch
        do {
            return try await fetch.value
        } catch {
            statusFetch = nil
            throw error
        }
    }

    /// nil when every handle names a definition, else `unknown status 'vpi' (did you mean 'vip'?)`.
    func unknownHandle(in handles: [String]) async throws -> String? {
        let known = try await statuses().map(\.handle)
        guard let unknown = handles.first(where: { !known.contains($0) }) else { return nil }
        let hint = Suggestion.closest(to: unknown, among: known).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown status '\(unknown)'\(hint)"
    }

    /// Runs `work` over `items` with at most `concurrency` at once, results in input order. `gated` work
    /// also counts against the run's in-flight bound (not so for batch waits, which mostly sleep).
    /// `arrived` sees each result as it comes (index, result), on the session.
    func fanOut<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, gated: Bool = true, arrived: (Int, Result) throws -> Void = { _, _ in },
        _ work: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        if let phase { progress.begin(phase, total: items.count) }
        defer { if phase != nil { progress.end() } }
        var results = [Result?](repeating: nil, count: items.count)
        let gate = gate
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                let index = next
                let item = items[index]
                group.addTask { (index, gated ? try await gate.run { try await work(item) } : try await work(item)) }
                next += 1
            }
            while next < min(concurrency, items.count) { launch() }
            while let (index, result) = try await group.next() {
                results[index] = result
                try arrived(index, result)
                progress.step()
                if next < items.count { launch() }
            }
        }
        return results.map { $0! }
    }
}

/// What a dry run would have changed, per status handle.
struct DryRunPlan {
    var wouldAdd: [String: Int] = [:]
    var alreadyPresent: [String: Int] = [:]
    var wouldRemove: [String: Int] = [:]
    var notPresent: [String: Int] = [:]
    /// Profiles the run would create, update, delete or purge.
    var profiles = ProfileWritePlan()

    var isEmpty: Bool { wouldAdd.isEmpty && alreadyPresent.isEmpty && wouldRemove.isEmpty && notPresent.isEmpty && profiles.isEmpty }

    /// One line per handle: `influencer: +92 (12 already have it)`.
    var lines: [String] {
        let handles = Set(wouldAdd.keys).union(alreadyPresent.keys).union(wouldRemove.keys).union(notPresent.keys).sorted()
        return handles.map { handle in
            var parts: [String] = []
            if let count = wouldAdd[handle] ?? (alreadyPresent[handle] != nil ? 0 : nil) {
                parts.append("would add to \(count) profile\(count == 1 ? "" : "s") (\(alreadyPresent[handle, default: 0]) already have it)")
            }
            if let count = wouldRemove[handle] ?? (notPresent[handle] != nil ? 0 : nil) {
                parts.append("would remove from \(count) profile\(count == 1 ? "" : "s") (\(notPresent[handle, default: 0]) do not have it)")
            }
            return "\(handle): " + parts.joined(separator: "; ")
        } + profiles.lines
    }
}
