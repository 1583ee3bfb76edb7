// Work over many items, at most `concurrency` at once, results in input order: how lookups, reads and
// batch waits spread over the tenant. It runs in its caller's isolation, so `arrived` may touch its state.
struct FanOut: Sendable {
    let gate: InFlightGate
    let concurrency: Int
    let progress: RunProgress

    /// `gated` work also counts against the run's in-flight bound (not so for batch waits, which mostly
    /// sleep). `arrived` sees each result as it comes (index, result).
    func run<Item: Sendable, Result: Sendable>(
        _ items: [Item], phase: String? = nil, gated: Bool = true,
        isolation: isolated (any Actor)? = #isolation,
        arrived: (Int, Result) throws -> Void = { _, _ in },
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
