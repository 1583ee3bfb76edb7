// One run's conversation with its tenant: the client, what it already knows, and the run's writes.
import LuaHost
import OmneoClient

final class TenantSession {
    let client: OmneoClient
    let tenant: String
    let dryRun: Bool
    /// How many lookups or polls run at once (`--concurrency`); the client's pacer sets the rate.
    let concurrency: Int
    private var statusCache: [OmneoStatus]?
    /// Statuses each profile held when this run read it, for dry-run plans and `already_present`.
    var knownStatuses: [String: [String]] = [:]
    var jobs: [Int: StatusJob] = [:]
    var nextJob = 1
    /// Dry run: per handle, how many profiles would gain or lose it.
    var plan = DryRunPlan()

    let progress: RunProgress

    init(client: OmneoClient, tenant: String, dryRun: Bool, concurrency: Int, progress: RunProgress = RunProgress()) {
        self.client = client
        self.progress = progress
        self.tenant = tenant
        self.dryRun = dryRun
        self.concurrency = max(1, concurrency)
    }

    /// Every status definition, fetched once per run.
    func statuses() async throws -> [OmneoStatus] {
        if let statusCache { return statusCache }
        let list = try await client.statuses()
        statusCache = list
        return list
    }

    /// nil when every handle names a definition, else `unknown status 'vpi' (did you mean 'vip'?)`.
    func unknownHandle(in handles: [String]) async throws -> String? {
        let known = try await statuses().map(\.handle)
        guard let unknown = handles.first(where: { !known.contains($0) }) else { return nil }
        let hint = Suggestion.closest(to: unknown, among: known).map { " (did you mean '\($0)'?)" } ?? ""
        return "unknown status '\(unknown)'\(hint)"
    }

    /// Runs `work` over `items` with at most `concurrency` at once, results in input order.
    func fanOut<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, _ work: @escaping @Sendable (Item) async throws -> Result
    ) async throws -> [Result] {
        if let phase { progress.begin(phase, total: items.count) }
        defer { if phase != nil { progress.end() } }
        var results = [Result?](repeating: nil, count: items.count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                let index = next
                let item = items[index]
                group.addTask { (index, try await work(item)) }
                next += 1
            }
            while next < min(concurrency, items.count) { launch() }
            while let (index, result) = try await group.next() {
                results[index] = result
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

    var isEmpty: Bool { wouldAdd.isEmpty && alreadyPresent.isEmpty && wouldRemove.isEmpty && notPresent.isEmpty }

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
        }
    }
}
