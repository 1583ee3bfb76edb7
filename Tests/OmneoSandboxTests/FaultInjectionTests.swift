// Fault injection hits its configured rates, replays from its seed, and adds the latency asked for.
import AsyncHTTPClient
import Foundation
import OmneoSandbox
import Testing

@Suite struct FaultInjectionTests {
    static func faulty(_ spec: String, seed: UInt64 = 11) throws -> SandboxConfiguration {
        var configuration = SmallTenant.configuration()
        configuration.faults = try FaultSpec(parsing: spec)
        configuration.faultSeed = seed
        configuration.hangDuration = .milliseconds(30)
        return configuration
    }

    /// Sends `count` reads, `width` at a time; a dropped connection is an expected outcome here.
    static func flood(_ http: SandboxHTTP, count: Int, width: Int = 8) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<width {
                group.addTask {
                    for _ in stride(from: worker, to: count, by: width) {
                        _ = try? await http.get("/v3/statuses")
                    }
                }
            }
        }
    }

    @Test func faultsHitTheirRatesWithinTolerance() async throws {
        let count = 3000
        try await withSandbox(try Self.faulty("429=10%,500=5%,reset=3%,timeout=2%")) { (http: SandboxHTTP) async throws in
            await Self.flood(http, count: count)
            let entries = http.server.requestLog.entries()
            #expect(entries.count == count)
            for (fault, rate) in [("429", 0.10), ("500", 0.05), ("reset", 0.03), ("timeout", 0.02)] {
                let observed = entries.count(where: { $0.fault == fault })
                let expected = Double(count) * rate
                let tolerance = 4 * (Double(count) * rate * (1 - rate)).squareRoot()
                #expect(abs(Double(observed) - expected) <= tolerance, "\(fault): \(observed) of \(count), expected \(expected)±\(tolerance)")
            }
            #expect(entries.filter { $0.fault == "429" }.allSatisfy { $0.status == 429 })
            #expect(entries.filter { $0.fault == "500" }.allSatisfy { $0.status == 500 })
            #expect(entries.filter { $0.fault == "reset" || $0.fault == "timeout" }.allSatisfy { $0.status == 0 })
        }
    }

    @Test func aResetDropsTheConnectionWithoutAnAnswer() async throws {
        try await withSandbox(try Self.faulty("reset=100%")) { (http: SandboxHTTP) async throws in
            await #expect(throws: (any Error).self) { _ = try await http.get("/v3/statuses") }
        }
    }

    @Test func aTimeoutHoldsTheRequestThenDropsIt() async throws {
        var configuration = try Self.faulty("timeout=100%")
        configuration.hangDuration = .milliseconds(300)
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let start = ContinuousClock.now
            await #expect(throws: (any Error).self) { _ = try await http.get("/v3/statuses") }
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test func theSameSeedReplaysTheSameFaults() async throws {
        func sequence(seed: UInt64) async throws -> [String?] {
            try await withSandbox(try Self.faulty("429=20%,500=20%", seed: seed)) { (http: SandboxHTTP) async throws in
                for _ in 0..<60 { _ = try? await http.get("/v3/statuses") }
                return http.server.requestLog.entries().map(\.fault)
            }
        }
        let first = try await sequence(seed: 99)
        #expect(try await sequence(seed: 99) == first)
        #expect(try await sequence(seed: 100) != first)
        #expect(first.contains("429") && first.contains("500") && first.contains(nil))
    }

    @Test func itemFailuresHitTheirRate() async throws {
        try await withSandbox(try Self.faulty("item_fail=20%")) { (http: SandboxHTTP) async throws in
            let entries = (0..<500).map { _ in ("p1", ["media"]) }
            let batch = try await http.statusBatch(.POST, entries)
            let failed = try #require(batch["failed_count"]?.intValue)
            #expect((64...136).contains(failed), "\(failed) of 500 items failed, expected 100±36")
            let errors = Set(batch["items"]?.arrayValue?.compactMap { $0["error"]?.stringValue } ?? [])
            #expect(errors == ["Internal error processing item."])
        }
    }

    @Test func latencyIsAddedToEveryAnswer() async throws {
        var configuration = SmallTenant.configuration()
        configuration.latency = Latency(milliseconds: 40, jitter: 10)
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            for _ in 0..<5 {
                let start = ContinuousClock.now
                _ = try await http.get("/v3/statuses")
                #expect(ContinuousClock.now - start >= .milliseconds(30))
            }
        }
    }

    @Test func specsParseAndBadOnesAreNamed() throws {
        let spec = try FaultSpec(parsing: "429=5%,500=2%,reset=1%,timeout=0.5%,item_fail=0.01")
        #expect(spec.tooManyRequests == 0.05 && spec.timeout == 0.005 && spec.itemFailure == 0.01)
        #expect(spec.description == "429=5%,500=2%,reset=1%,timeout=0.5%,item_fail=1%")
        #expect(try FaultSpec(parsing: "ignore_filters").ignoreFilters == 1)
        #expect(try FaultSpec(parsing: "500=2%, ignore_filters=50%").description == "500=2%,ignore_filters=50%")
        #expect(try FaultSpec(parsing: "oversize=100%").description == "oversize=100%")
        #expect(throws: SandboxConfigurationError.self) { try FaultSpec(parsing: "lost=60%,oversize=50%") }
        #expect(throws: SandboxConfigurationError.self) { try Latency(parsing: "1e300") }
        #expect(throws: SandboxConfigurationError("--faults: unknown fault '503' (known: 429, 500, reset, lost, timeout, oversize, item_fail, ignore_filters, drop_new_tags, rival_tags, put_omits_tags)")) {
            try FaultSpec(parsing: "503=1%")
        }
        #expect(throws: SandboxConfigurationError.self) { try FaultSpec(parsing: "429=150%") }
        #expect(throws: SandboxConfigurationError.self) { try FaultSpec(parsing: "429") }
        #expect(try Latency(parsing: "50±10") == Latency(milliseconds: 50, jitter: 10))
        #expect(try Latency(parsing: "50+-10") == Latency(milliseconds: 50, jitter: 10))
        #expect(throws: SandboxConfigurationError.self) { try Latency(parsing: "10±50") }
    }
}
