// The pace as the tenant measures it: never more than the rate (+5%) in any one-second window of its
// request log, and a 429 storm waited out per Retry-After by the whole client.
import OmneoClient
import OmneoSandbox
import Testing

extension TimedSuites {
    @Suite struct ClientPacingTests {
        @Test func manyCallersNeverExceedTheRate() async throws {
            try await Sandbox.with(Sandbox.configuration(profiles: 20), options: Sandbox.options(rate: 40)) { server, client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for caller in 0..<50 {
                        group.addTask {
                            for call in 0..<4 { _ = try await client.profile(id: "p\((caller + call) % 20 + 1)") }
                        }
                    }
                    try await group.waitForAll()
                }
                let times = server.requestLog.entries().map(\.time).sorted()
                #expect(times.count >= 200, "a try lost on a loaded machine is sent again, so one more may show")
                #expect(Self.busiestSecond(times) <= 42, "busiest second: \(Self.busiestSecond(times)) requests")
            }
        }

        @Test func a429StormIsWaitedOutPerRetryAfter() async throws {
            // The tenant allows 5/s; the client is told 50/s, so it runs into the tenant's limit at once.
            var options = Sandbox.options(rate: 50)
            options.maxAttempts = 10
            options.retryBudget = 30
            try await Sandbox.with(Sandbox.configuration(profiles: 30, rate: 5), options: options) { server, client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 1...30 {
                        group.addTask {
                            let profile = try await client.profile(id: "p\(index)")
                            #expect(profile?.id == "p\(index)")
                        }
                    }
                    try await group.waitForAll()
                }
                let entries = server.requestLog.entries()
                let refused = entries.filter { $0.status == 429 }
                #expect(!refused.isEmpty)
                #expect(client.statistics.pauses > 0)
                // Each refused call came back no sooner than the Retry-After (1 s) it was given.
                for entry in refused {
                    let next = entries.first { $0.sequence > entry.sequence && $0.target == entry.target }
                    let gap = try #require(next).time - entry.time
                    #expect(gap >= 0.95, "\(entry.target) retried after \(gap) s")
                }
                // And the whole client paused: nothing reached the tenant in the heart of a Retry-After.
                for entry in refused {
                    let during = entries.filter { $0.time > entry.time + 0.2 && $0.time < entry.time + 0.8 }
                    #expect(during.isEmpty, "\(during.count) requests during the pause after #\(entry.sequence)")
                }
                #expect(entries.filter { $0.status == 200 }.count == 30)
            }
        }

        /// The most requests in any one-second window [t, t+1).
        static func busiestSecond(_ times: [Double]) -> Int {
            var best = 0
            var start = 0
            for end in times.indices {
                while times[end] - times[start] >= 1 { start += 1 }
                best = max(best, end - start + 1)
            }
            return best
        }
    }
}
