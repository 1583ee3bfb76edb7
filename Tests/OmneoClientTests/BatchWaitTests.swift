// A batch is done only in a final state or when every entry is processed; anything else is waited out.
import OmneoModel
import OmneoClient
import OmneoSandbox
import Foundation
import Testing

@Suite struct BatchWaitTests {
    private func progress(_ status: String, total: String = "4", processed: Int = 2) throws -> BatchProgress {
        let text = #"{"data":{"id":"b","status":"\#(status)","total_count":\#(total),"processed_count":\#(processed)}}"#
        let value = try #require(JSONValue(json: Data(text.utf8)))
        return try #require(BatchProgress(value))
    }

    @Test(arguments: ["success", "failed", "completed", "complete", "error", "cancelled", "SUCCESS", " Completed "])
    func aFinalStateIsDone(_ status: String) throws {
        #expect(try progress(status).isDone)
    }

    @Test(arguments: ["pending", "processing", "queued", "running", "in_progress", ""])
    func anyOtherStateIsNotDoneUntilEveryEntryIsProcessed(_ status: String) throws {
        #expect(try !progress(status).isDone)
        #expect(try progress(status, processed: 4).isDone)
        #expect(try !progress(status, total: "null", processed: 4).isDone, "no total: only a final state ends it")
        #expect(try !progress(status, total: "0", processed: 0).isDone)
    }

    @Test func onlyAStateNeitherFinalNorKnownIsUnrecognised() throws {
        #expect(try !progress("pending").isUnrecognisedState && !progress("processing").isUnrecognisedState)
        #expect(try !progress("success").isUnrecognisedState)
        #expect(try progress("queued").isUnrecognisedState)
    }

    /// No queue delay, and each middle state is shown to at least one poll, however late the first comes on a loaded machine.
    private func configuration(_ phases: [BatchPhase]) -> SandboxConfiguration {
        var configuration = Sandbox.configuration()
        configuration.batchDelay = .zero
        configuration.batchStates = phases
        return configuration
    }

    @Test func aBatchSittingInProcessingIsWaitedOutWithItsFinalCounts() async throws {
        try await Sandbox.with(configuration([BatchPhase("processing", .milliseconds(1500), minimumPolls: 1)])) { server, client in
            let receipt = try await client.attachStatuses([
                StatusAssignment(profileID: "p1", statuses: ["vip"]), StatusAssignment(profileID: "p2", statuses: ["vip"]),
                StatusAssignment(profileID: "nope", statuses: ["vip"]), StatusAssignment(profileID: "gone", statuses: ["vip"]),
            ])
            let started = ContinuousClock.now
            let done = try await client.waitForBatch(id: receipt.batchID, timeout: 20, firstPoll: 0.05, maxPoll: 0.2)
            #expect(ContinuousClock.now - started >= .milliseconds(1400))
            // Ended early, it would say `processing`, 2 of 4 processed, none failed.
            #expect(done.status == "success")
            #expect(done.totalCount == 4 && done.processedCount == 4 && done.successCount == 2 && done.failedCount == 2)
            #expect(done.items.count == 4)
            #expect((server.requestLog.countsByEndpoint["GET /v3/batches/{batch_id}"] ?? 0) >= 2)
        }
    }

    @Test func anUnknownStateIsWaitedOutAndNamedOnceInTheVerboseLog() async throws {
        let capture = LogCapture()
        let phases = [BatchPhase("queued", .milliseconds(1500), minimumPolls: 1), BatchPhase("processing", .milliseconds(200), minimumPolls: 1)]
        try await Sandbox.with(configuration(phases), logger: capture.logger()) { server, client in
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"]), StatusAssignment(profileID: "p2", statuses: ["vip"])])
            let done = try await client.waitForBatch(id: receipt.batchID, timeout: 20, firstPoll: 0.05, maxPoll: 0.05)
            #expect(done.status == "success" && done.processedCount == 2 && done.successCount == 2)
            #expect((server.requestLog.countsByEndpoint["GET /v3/batches/{batch_id}"] ?? 0) >= 2)
        }
        // Each state that is not final, once: the unknown one as such, the known one plainly.
        let named = capture.all.filter { $0.contains("reports state") }
        #expect(named.filter { $0.contains("'queued', not a final one omneo-run knows") }.count == 1, "\(named)")
        #expect(named.filter { $0.contains("'processing', not a final one: still waiting") }.count == 1, "\(named)")
        #expect(named.count == 2, "\(named)")
    }

    /// A tenant that ends batches in a synonym (`completed`) or in a word no client knows (`done`, taken from
    /// the counts) is waited out to the same final counts, with the middle state in between.
    @Test(arguments: ["completed,error", "done"])
    func aBatchEndingInAnotherWordIsDoneWithItsFinalCounts(_ end: String) async throws {
        var configuration = configuration([BatchPhase("processing", .milliseconds(200), minimumPolls: 1)])
        configuration.batchEnd = try BatchEnd.parsing(end)
        try await Sandbox.with(configuration) { _, client in
            let receipt = try await client.attachStatuses([
                StatusAssignment(profileID: "p1", statuses: ["vip"]), StatusAssignment(profileID: "p2", statuses: ["vip"]),
                StatusAssignment(profileID: "nope", statuses: ["vip"]),
            ])
            let done = try await client.waitForBatch(id: receipt.batchID, timeout: 20, firstPoll: 0.05, maxPoll: 0.2)
            #expect(done.status == String(end.prefix { $0 != "," }))
            #expect(done.totalCount == 3 && done.processedCount == 3 && done.successCount == 2 && done.failedCount == 1)
        }
    }

    @Test func aWaitThatRunsOutInProcessingNamesTheState() async throws {
        try await Sandbox.with(configuration([BatchPhase("processing", .seconds(10))])) { _, client in
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"]), StatusAssignment(profileID: "p2", statuses: ["vip"])])
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.waitForBatch(id: receipt.batchID, timeout: 0.5, firstPoll: 0.05)
            }
            #expect(error?.code == "timeout")
            #expect(error?.description.hasSuffix("(state 'processing', 1 of 2 processed)") == true, "\(String(describing: error))")
        }
    }
}
