// Contract: the profile status batch, the heart of the tool, and the batch it queues.
import OmneoModel
@testable import OmneoSandbox
import Foundation
import Testing

@Suite struct StatusBatchTests {
    @Test func addIsAdditiveAndDeduplicates() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await http.statusBatch(.POST, [("p1", ["influencer", "vip", "influencer"]), ("p2", ["vip"])])
            #expect(batch["status"]?.stringValue == "success")
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["vip", "staff", "influencer"])
            #expect(await http.server.store.statuses(ofProfile: "p2") == ["staff", "vip"])
        }
    }

    @Test func resendingIsANoOp() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            _ = try await http.statusBatch(.POST, [("p3", ["media"])])
            let again = try await http.statusBatch(.POST, [("p3", ["media"])])
            #expect(again["success_count"]?.intValue == 1)
            #expect(await http.server.store.statuses(ofProfile: "p3") == ["media"])
        }
    }

    @Test func unknownHandleIsDroppedSilently() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await http.statusBatch(.POST, [("p3", ["vpi"])])
            #expect(batch["status"]?.stringValue == "success")
            #expect(batch["failed_count"]?.intValue == 0)
            #expect(await http.server.store.statuses(ofProfile: "p3") == [])
        }
    }

    @Test func unknownProfileBecomesAFailedItem() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await http.statusBatch(.POST, [("p1", ["media"]), ("ghost", ["media"])])
            #expect(batch["status"]?.stringValue == "success")
            #expect(batch["total_count"]?.intValue == 2)
            #expect(batch["success_count"]?.intValue == 1)
            #expect(batch["failed_count"]?.intValue == 1)
            let failed = batch["items"]?.arrayValue?.first { $0["status"]?.stringValue == "failed" }
            #expect(failed?["entity_id"]?.stringValue == "ghost")
            #expect(failed?["error"]?.stringValue == "Profile not found.")
        }
    }

    @Test func batchWhoseEveryItemFailedIsFailed() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.statusBatch(.POST, [("ghost", ["vip"])])["status"]?.stringValue == "failed")
        }
    }

    @Test func deleteDetachesOnlyWhatWasSent() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await http.statusBatch(.DELETE, [("p1", ["vip", "media"])])
            #expect(batch["status"]?.stringValue == "success")
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["staff"])
        }
    }

    @Test func batchIsPendingUntilTheQueueProcessesIt() async throws {
        var configuration = SmallTenant.configuration()
        configuration.batchDelay = .seconds(2)
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let queued = try await http.post("/v3/profile/status/batch.json", ["profiles": [["profile_id": "p3", "statuses": ["vip"]]]])
            #expect(queued.status == 202)
            #expect(queued.data["message"]?.stringValue == "Queued for processing.")
            let batchID = try #require(queued.data["batch_id"]?.stringValue)
            let pending = try await http.get("/v3/batches/\(batchID)").data
            #expect(pending["status"]?.stringValue == "pending")
            #expect(pending["processed_count"]?.intValue == 0)
            #expect(pending["entity_type"]?.stringValue == "profile_status")
            #expect(await http.server.store.statuses(ofProfile: "p3") == [])
            let done = try await http.finished(batchID)
            #expect(done["processed_count"]?.intValue == 1)
            #expect(await http.server.store.statuses(ofProfile: "p3") == ["vip"])
        }
    }

    @Test func aBatchPassesThroughProcessingWithItsCountsIncomplete() async throws {
        var configuration = SmallTenant.configuration()
        configuration.batchStates = [BatchPhase("processing", .seconds(2))]
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let entries: JSONValue = ["profiles": [
                ["profile_id": "p3", "statuses": ["vip"]], ["profile_id": "p5", "statuses": ["vip"]],
                ["profile_id": "nope", "statuses": ["vip"]], ["profile_id": "gone", "statuses": ["vip"]],
            ]]
            let batchID = try #require(try await http.post("/v3/profile/status/batch.json", entries).data["batch_id"]?.stringValue)
            var seen = try await http.get("/v3/batches/\(batchID)").data
            while seen["status"]?.stringValue == "pending" {
                try await Task.sleep(for: .milliseconds(10))
                seen = try await http.get("/v3/batches/\(batchID)").data
            }
            #expect(seen["status"]?.stringValue == "processing")
            #expect(seen["total_count"]?.intValue == 4 && seen["processed_count"]?.intValue == 2 && seen["failed_count"]?.intValue == 0)
            let done = try await http.finished(batchID)
            #expect(done["status"]?.stringValue == "success")
            #expect(done["processed_count"]?.intValue == 4 && done["success_count"]?.intValue == 2 && done["failed_count"]?.intValue == 2)
            #expect(await http.server.store.statuses(ofProfile: "p5") == ["vip"])
        }
    }

    @Test func aBatchReportsTheConfiguredStatesInOrder() throws {
        let start = ContinuousClock.now
        var batch = BatchRecord(
            id: "b", work: .attachStatuses([.init(profileID: "p1", handles: ["vip"])]), created: Date(), readyAt: start, updated: Date()
        )
        #expect(batch.json(at: start)["status"]?.stringValue == "pending")
        batch.items = [.init(id: "i", entityID: "p1", succeeded: true, error: nil)]
        batch.finished = true
        batch.phases = [("queued", start + .milliseconds(200), 0), ("processing", start + .milliseconds(350), 0)]
        let states = [0, 199, 200, 349, 350].map { batch.json(at: start + .milliseconds($0))["status"]?.stringValue }
        #expect(states == ["queued", "queued", "processing", "processing", "success"])
        #expect(batch.json(at: start)["processed_count"]?.intValue == 0 && batch.json(at: start + .seconds(1))["processed_count"]?.intValue == 1)
        // A phase with polls to show holds past its instant until that many polls have seen it.
        batch.phases = [("queued", start, 1), ("processing", start, 2)]
        let late = start + .seconds(5)
        let polled = (0..<4).map { _ in batch.poll(at: late)["status"]?.stringValue }
        #expect(polled == ["queued", "processing", "processing", "success"])
        #expect(try BatchPhase.list(parsing: "queued=200, processing=150") == [BatchPhase("queued", .milliseconds(200)), BatchPhase("processing", .milliseconds(150))])
        #expect(try BatchPhase.list(parsing: "queued=0/2") == [BatchPhase("queued", .zero, minimumPolls: 2)])
        #expect(try BatchPhase.list(parsing: "none").isEmpty)
        #expect(throws: SandboxConfigurationError.self) { try BatchPhase.list(parsing: "queued=10/x") }
        #expect(throws: SandboxConfigurationError.self) { try BatchPhase.list(parsing: "processing") }
        #expect(throws: SandboxConfigurationError.self) { try BatchPhase.list(parsing: "success=100") }
    }

    @Test func emptyOversizedAndMalformedBatchesAre422() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let empty = try await http.post("/v3/profile/status/batch.json", ["profiles": []])
            #expect(empty.status == 422)
            #expect(empty.fieldErrors["profiles"] != nil)
            let entries = JSONValue.array((0...500).map { _ in ["profile_id": "p1", "statuses": ["vip"]] })
            let oversized = try await http.post("/v3/profile/status/batch.json", .object(["profiles": entries]))
            #expect(oversized.status == 422)
            #expect(oversized.message == "The profiles may not have more than 500 items.")
            let malformed = try await http.post("/v3/profile/status/batch.json", ["profiles": [["statuses": ["vip"]], ["profile_id": "p1", "statuses": "vip"]]])
            #expect(malformed.status == 422)
            #expect(Set(malformed.fieldErrors.keys) == ["profiles.0.profile_id", "profiles.1.statuses"])
            #expect(try await http.post("/v3/profile/status/batch.json", nil).status == 422)
            #expect(http.server.requestLog.countsByEndpoint["GET /v3/batches/{batch_id}"] == nil)
        }
    }

    @Test func fiveHundredEntriesAreAccepted() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let entries = (0..<500).map { n in (n % 2 == 0 ? "p1" : "p2", ["media"]) }
            #expect(try await http.statusBatch(.POST, entries)["total_count"]?.intValue == 500)
        }
    }

    @Test func unknownBatchIs404() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/batches/00000000-0000-0000-0000-000000000000").status == 404)
        }
    }
}
