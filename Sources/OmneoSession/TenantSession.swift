// One run's tenant and the facts every part of the run shares: the client, the in-flight gate, what the run
// knows of each profile's statuses, the write ledger (journal handshake) and the tenant's status definitions.
// The work itself is done beside it: ProfileReader, EmailResolver, StatusWriter and ProfileWriter.
public import OmneoClient
package import OmneoModel
import Foundation

public final class TenantSession: Sendable {
    public let client: OmneoClient
    public let tenant: String
    public let dryRun: Bool
    /// How emails become ids (`--resolve`); a recipe may ask for one per call.
    public let resolvePlan: ResolvePlan
    /// Every tenant call of the run passes through it: sized to the tenant, `--concurrency` is its cap.
    let gate: InFlightGate
    private let spread: FanOut
    let progress: RunProgress
    /// Where the run is journaled (nil: nowhere).
    let journal: RunJournal?
    let knowledge: StatusKnowledge
    let ledger: WriteLedger
    private let definitions = StatusDefinitions()
    private let jobNumbers = JobNumbers()
    private let beforeReads = OneAtATime()

    /// `confirmation`: the question before the first write (nil: none).
    public init(
        client: OmneoClient, tenant: String, dryRun: Bool, concurrency: Int, progress: RunProgress = RunProgress(),
        journal: RunJournal? = nil, resolvePlan: ResolvePlan = .auto, confirmation: WriteConfirmation? = nil
    ) {
        self.client = client
        self.resolvePlan = resolvePlan
        self.tenant = tenant
        self.dryRun = dryRun
        self.progress = progress
        self.journal = journal
        gate = InFlightGate(cap: concurrency, reading: { [client] in client.flow }, announce: { [client] in client.note($0) })
        spread = FanOut(gate: gate, concurrency: max(1, concurrency), progress: progress)
        knowledge = StatusKnowledge(journal: journal)
        ledger = WriteLedger(
            journal: journal, confirmation: dryRun ? nil : confirmation, stop: client.stopSwitch, tenant: "\(tenant) (\(client.tenant.baseURL))"
        )
        self.confirmation = dryRun ? nil : confirmation
    }

    private let confirmation: WriteConfirmation?

    /// True while the run's first write still waits for its question: a job then waits until it knows its
    /// whole size, so the question can say it.
    package var asksBeforeWriting: Bool {
        get async {
            guard let confirmation else { return false }
            return !(await confirmation.confirmed)
        }
    }

    /// Before a write is sent: the run's one question, worded by `what` (see `WriteLedger.confirm`).
    package func confirmWrite(_ what: @Sendable () -> String) async throws {
        try await ledger.confirm(what)
    }

    /// A single tenant call, counted against the in-flight bound.
    package func call<T: Sendable>(_ body: @escaping @Sendable (OmneoClient) async throws -> T) async throws -> T {
        let client = client
        return try await gate.run { try await body(client) }
    }

    /// Runs `work` over `items`, `--concurrency` at a time, results in input order; `arrived` sees each
    /// result as it comes, in the caller's isolation (see FanOut).
    package func fanOut<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, gated: Bool = true, isolation: isolated (any Actor)? = #isolation,
        arrived: (Int, Result) throws -> Void = { _, _ in }, _ work: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        try await spread.run(items, phase: phase, gated: gated, arrived: arrived, work)
    }

    /// Drops what this run learnt of the tenant (a test re-seeded it).
    package func forget() async {
        await definitions.forget()
        knowledge.forget()
    }

    /// Every status definition, fetched once per run (tasks asking at once share the one request).
    package func statuses() async throws -> [OmneoStatus] {
        try await definitions.get { [gate, client] in try await gate.run { try await client.statuses() } }
    }

    /// nil when every handle names a definition, else `unknown status 'vpi' (did you mean 'vip'?)`.
    package func unknownHandle(in handles: [String]) async throws -> String? {
        try await unknownStatus(in: handles)?.message
    }

    /// Throws the misuse naming the first handle no definition has; no handles, no request.
    package func checkHandles(_ handles: [String]) async throws {
        if let unknown = try await unknownStatus(in: handles) { throw unknown }
    }

    private func unknownStatus(in handles: [String]) async throws -> WriteMisuse? {
        guard !handles.isEmpty else { return nil }
        let known = try await statuses().map(\.handle)
        guard let unknown = handles.first(where: { !known.contains($0) }) else { return nil }
        return WriteMisuse(Self.unknownStatusMessage(unknown, known: known), value: unknown)
    }

    /// `unknown status 'vpi' (did you mean 'vip'?)`; handles are case-sensitive, so `VIP` is told `vip`.
    static func unknownStatusMessage(_ handle: String, known: [String]) -> String {
        guard let suggestion = Suggestion.closest(to: handle, among: known) else { return "unknown status '\(handle)'" }
        let caseOnly = suggestion.lowercased() == handle.lowercased()
        return "unknown status '\(handle)' (did you mean '\(suggestion)'?\(caseOnly ? " status handles are case-sensitive" : ""))"
    }

    /// Status jobs and profile jobs share one numbering, as the recipe sees them.
    package func nextJobID() -> Int { jobNumbers.next() }

    /// Statuses the profiles show now: journaled as their statuses before the run the first time.
    package func remember(_ profiles: [OmneoProfile]) throws {
        try knowledge.learn(profiles.map { ($0.id, $0.statuses) })
    }

    /// Before a write: the statuses of every profile it touches are journaled (read now when the run never
    /// read them), so `undo` knows what each held. A profile that cannot be read is left to the batch to fail;
    /// one whose id came from the lookup cache is not read (see `StatusKnowledge.reuse`).
    package func recordBefore(_ ids: [String]) async throws {
        let unknown = knowledge.withoutBefore(ids)
        guard !unknown.isEmpty else { return }
        try await readBefore(unknown)
    }

    private func readBefore(_ ids: [String]) async throws {
        let client = client
        let read = try await fanOut(ids) { id in try? await client.profile(id: id) }
        try remember(read.compactMap { $0 })
    }

    /// Before a status job's first write: whether each profile whose id came from the cache holds each of
    /// `handles`, for `undo`, at the cheaper of two costs: reading those profiles one by one, or paging
    /// through each handle's holders (`filter[statuses.handle]`, 100 a page, oldest first; only the wanted
    /// ids are kept). The holders' first pages say how many pages there are. A tenant that ignores that
    /// filter (the answer check catches it) gets the one-by-one reads.
    /// Covers every cached id the run knows so far (they are all known before the first write: the
    /// cache is read before anything is asked), and runs one at a time, so chunks sent at once page the
    /// holders once.
    package func recordReusedBefore(handles: [String]) async throws {
        try await beforeReads.run { try await self.readReusedBefore(handles: handles) }
    }

    private func readReusedBefore(handles: [String]) async throws {
        let reused = knowledge.reusedWithoutBefore()
        let handles = Array(Set(handles)).sorted()
        guard !reused.isEmpty, !handles.isEmpty else { return }
        guard reused.count > handles.count else { return try await readBefore(reused) }
        let client = client
        let wanted = Set(reused)
        @Sendable func holders(_ handle: String, page: Int) async throws -> ProfilePage {
            try await client.profilePage(filters: ["statuses.handle": [handle], "sort": ["created_at"]], page: page, size: 100)
        }
        var held: [String: Set<String>] = [:]
        var rest: [(handle: String, page: Int)] = []
        do {
            for handle in handles {
                let first = try await call { _ in try await holders(handle, page: 1) }
                held[handle] = Set(first.profiles.map(\.id)).intersection(wanted)
                let pages = first.lastPage ?? (first.total.map { ($0 + 99) / 100 } ?? 1)
                if pages > 1 { rest += (2...pages).map { (handle, $0) } }
            }
            if rest.count > reused.count { return try await readBefore(reused) }
            let pages = try await fanOut(rest, phase: "reading who holds \(handles.joined(separator: ", "))") { item in
                (item.handle, try await holders(item.handle, page: item.page))
            }
            for (handle, page) in pages { held[handle, default: []].formUnion(Set(page.profiles.map(\.id)).intersection(wanted)) }
        } catch let error as OmneoClientError where error.code == "filter_not_applied" {
            client.note("the tenant did not apply filter[statuses.handle]; reading \(reused.count) profiles one by one instead")
            return try await readBefore(reused)
        }
        try knowledge.learnHolding(reused.map { id in (id, handles.filter { held[$0]?.contains(id) == true }) }, covers: handles)
    }
}

/// Runs its work one call after another (a call waits for the one before it to end).
actor OneAtATime {
    private var last: Task<Void, any Error>?

    func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
        let previous = last
        let task = Task {
            _ = await previous?.result
            try await work()
        }
        last = task
        try await task.value
    }
}

/// The status definitions, fetched once and shared by every task that asks while the request is out.
actor StatusDefinitions {
    private var fetch: Task<[OmneoStatus], any Error>?

    func get(_ load: @escaping @Sendable () async throws -> [OmneoStatus]) async throws -> [OmneoStatus] {
        if let fetch { return try await fetch.value }
        let task = Task { try await load() }
        fetch = task
        do {
            return try await task.value
        } catch {
            fetch = nil
            throw error
        }
    }

    func forget() { fetch = nil }
}

/// Job ids as the recipe sees them: 1, 2, 3... over status and profile jobs alike.
final class JobNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 0

    func next() -> Int {
        lock.withLock {
            last += 1
            return last
        }
    }
}
