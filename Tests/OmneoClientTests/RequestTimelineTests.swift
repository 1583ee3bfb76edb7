// The client's timeline (the run report page's requests per second): it counts what the statistics and the
// tenant count, and keeps a batch waited for as one span, however many polls it took.
import Foundation
import OmneoClient
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct RequestTimelineTests {
    @Test func theTimelineCountsEveryTryEvery429AndEveryRetry() async throws {
        var configuration = Sandbox.configuration(rate: 100_000)
        configuration.faults = try FaultSpec(parsing: "429=40%")
        var options = Sandbox.options()
        options.maxAttempts = 10
        try await Sandbox.with(configuration, options: options) { server, client in
            for index in 1...5 { _ = try await client.profile(id: "p\(index)") }
            let timeline = client.timeline
            let statistics = client.statistics
            let requests = timeline.seconds.reduce(0) { $0 + $1.requests }
            let throttled = timeline.seconds.reduce(0) { $0 + $1.throttled }
            let retries = timeline.seconds.reduce(0) { $0 + $1.retries }
            #expect(requests == statistics.requestsSent && requests == server.requestLog.total)
            #expect(throttled == statistics.answersByStatus[429, default: 0] && throttled > 0)
            #expect(retries == statistics.retries && retries == requests - 5)
            #expect(timeline.seconds.map(\.second) == timeline.seconds.map(\.second).sorted())
        }
    }

    @Test func aBatchWaitedForIsOneSpanCoveringItsPolls() async throws {
        try await Sandbox.with(Sandbox.configuration()) { _, client in
            let before = Date().timeIntervalSince1970
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
            _ = try await client.waitForBatch(id: receipt.batchID, timeout: 20, firstPoll: 0.01, maxPoll: 0.02)
            let after = Date().timeIntervalSince1970
            let waits = client.timeline.waits
            #expect(waits.count == 1)
            #expect(waits.first?.kind == .batch)
            let wait = try #require(waits.first)
            #expect(wait.start >= before && wait.end <= after && wait.end > wait.start)
        }
    }
}
