// The stop switch: a stopped client sends nothing more, and a wait it is in (between two polls of a batch)
// ends at once instead of being sat out.
import OmneoClient
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct StopSwitchTests {
    @Test func aStoppedClientSendsNoFurtherRequest() async throws {
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            _ = try await client.statuses()
            let sent = server.requestLog.total
            client.stopSwitch.stop("stopped by the test")
            await #expect(throws: SendingStopped.self) { _ = try await client.statuses() }
            await #expect(throws: SendingStopped.self) {
                _ = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
            }
            #expect(server.requestLog.total == sent)
            #expect(server.requestLog.writeCount == 0)
        }
    }

    /// A batch left queued, first polled ten minutes after its POST (`BatchClock`), then every ten minutes:
    /// the stop ends the wait before that poll (the time limit only turns a hang into a failure).
    @Test(.timeLimit(.minutes(1))) func aStopEndsTheWaitBetweenTwoPolls() async throws {
        var configuration = Sandbox.configuration()
        configuration.batchDelay = .seconds(3600)
        try await Sandbox.with(configuration) { server, client in
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
            let waiting = Task { try await client.waitForBatch(id: receipt.batchID, timeout: 3600, firstPoll: 600) }
            try await Task.sleep(for: .milliseconds(200))
            client.stopSwitch.stop("stopped by the test")
            await #expect(throws: SendingStopped.self) { _ = try await waiting.value }
            #expect(server.requestLog.total == 1, "only the POST: no poll once stopped")
        }
    }

    @Test func theFirstReasonStays() {
        let stop = StopSwitch()
        #expect(!stop.isStopped)
        stop.stop("first")
        stop.stop("second")
        #expect(stop.reason == "first")
        #expect(throws: SendingStopped.self) { try stop.check("GET /v3/statuses") }
    }
}
