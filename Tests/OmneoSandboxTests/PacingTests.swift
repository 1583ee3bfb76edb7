// Contract: the per-token rate limit, its 429 and X-RateLimit-* headers.
@testable import OmneoSandbox
import Testing

@Suite struct PacingTests {
    /// A minute-long window (as Laravel's throttle counts): however slowly a loaded machine sends
    /// these few requests, they all fall in one window.
    func limited(_ rate: Double, window: Duration = .seconds(60)) -> SandboxConfiguration {
        var configuration = SmallTenant.configuration()
        configuration.rate = rate
        configuration.rateWindow = window
        return configuration
    }

    @Test func everyAnswerCarriesTheLimitAndWhatRemains() async throws {
        try await withSandbox(limited(5)) { (http: SandboxHTTP) async throws in
            for expected in (0...4).reversed() {
                let answer = try await http.get("/v3/statuses")
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "X-RateLimit-Limit") == "5")
                #expect(answer.headers.first(name: "X-RateLimit-Remaining") == String(expected))
            }
        }
    }

    @Test func overTheRateIs429WithRetryAfter() async throws {
        try await withSandbox(limited(5)) { (http: SandboxHTTP) async throws in
            let started = ContinuousClock.now
            for _ in 0..<5 { _ = try await http.get("/v3/statuses") }
            let refused = try await http.get("/v3/statuses")
            let elapsed = Int((ContinuousClock.now - started).components.seconds)
            #expect(refused.status == 429)
            #expect(refused.json == ["message": "Too Many Attempts."])
            let retryAfter = try #require(refused.headers.first(name: "Retry-After").flatMap { Int($0) })
            // Until the first of the five leaves the 60 s window: 60 less the time they took (a loaded machine took 14 s).
            #expect((60 - elapsed - 1...60).contains(retryAfter), "Retry-After \(retryAfter) after \(elapsed) s")
            #expect(refused.headers.first(name: "X-RateLimit-Remaining") == "0")
            #expect(refused.headers.first(name: "X-RateLimit-Reset") != nil)
        }
    }

    @Test func eachTokenHasItsOwnWindow() async throws {
        try await withSandbox(limited(3)) { (http: SandboxHTTP) async throws in
            for _ in 0..<3 { _ = try await http.get("/v3/statuses") }
            #expect(try await http.get("/v3/statuses").status == 429)
            #expect(try await http.get("/v3/statuses", token: "sandbox-readonly").status == 200)
        }
    }

    @Test func refusedRequestsAreLoggedAndChangeNothing() async throws {
        try await withSandbox(limited(1)) { (http: SandboxHTTP) async throws in
            _ = try await http.get("/v3/statuses")
            let write = try await http.post("/v3/profile/status/batch.json", ["profiles": [["profile_id": "p3", "statuses": ["vip"]]]])
            #expect(write.status == 429)
            #expect(http.server.requestLog.countsByStatus[429] == 1)
            try await Task.sleep(for: .milliseconds(100))
            #expect(await http.server.store.statuses(ofProfile: "p3") == [])
        }
    }

    @Test func theWindowSlides() {
        let limiter = RateLimiter(rate: 3, window: 1)
        for time in [0.0, 0.2, 0.4] { #expect(limiter.check(token: "t", now: time).allowed) }
        let refused = limiter.check(token: "t", now: 0.5)
        #expect(!refused.allowed)
        #expect(abs(refused.retryAfter - 0.5) < 1e-9, "the oldest request leaves the window at 1.0")
        #expect(limiter.check(token: "t", now: 1.01).allowed)
        #expect(!limiter.check(token: "t", now: 1.1).allowed)
        #expect(limiter.check(token: "t", now: 1.21).remaining == 0)
        #expect(RateLimiter(rate: 0).check(token: "t", now: 0).allowed)
    }
}
