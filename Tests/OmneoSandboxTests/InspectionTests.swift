// The request log and the /_sandbox routes tests use to assert end state and count requests.
import OmneoSandbox
import Testing

@Suite struct InspectionTests {
    @Test func requestsAreCountedByEndpoint() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            _ = try await http.get("/v3/profiles/p1")
            _ = try await http.get("/v3/profiles/p2")
            _ = try await http.statusBatch(.POST, [("p1", ["media"])])
            _ = try await http.get("/_sandbox/profiles/p1")
            let counts = http.server.requestLog.countsByEndpoint
            #expect(counts["GET /v3/profiles/{id}"] == 2)
            #expect(counts["POST /v3/profile/status/batch.json"] == 1)
            #expect(http.server.requestLog.writeCount == 1)
            let stats = try await http.get("/_sandbox/stats").json
            #expect(stats["writes"]?.intValue == 1)
            #expect(stats["by_endpoint"]?["GET /v3/profiles/{id}"]?.intValue == 2)
            #expect(stats["profiles"]?.intValue == 6)
        }
    }

    @Test func requestLogListsWhatWasSentAfterAMark() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            _ = try await http.get("/v3/statuses")
            _ = try await http.get("/v3/profiles?filter[email]=a%40example.com")
            let log = try await http.get("/_sandbox/requests?after=1").json
            #expect(log["total"]?.intValue == 2)
            let entry = try #require(log["data"]?.arrayValue?.first)
            #expect(entry["endpoint"]?.stringValue == "GET /v3/profiles")
            #expect(entry["target"]?.stringValue == "/api/v3/profiles?filter%5Bemail%5D=a%40example.com")
            #expect(entry["status"]?.intValue == 200)
        }
    }

    @Test func inspectionNeedsNoTokenAndShowsState() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            var anonymous = http
            anonymous.token = nil
            let profile = try await anonymous.get("/_sandbox/profiles/p1")
            #expect(profile.json["state"]?.stringValue == "live")
            #expect(profile.data["statuses"]?.arrayValue == ["vip", "staff"])
            #expect(try await anonymous.get("/_sandbox/profiles/nope").status == 404)
            #expect(http.server.requestLog.total == 0)
        }
    }

    @Test func memoryIsBoundedByTheLogRingAndBatchRetention() async throws {
        var configuration = SmallTenant.configuration()
        configuration.requestLogCapacity = 10
        configuration.batchRetention = 3
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            var batchIDs: [String] = []
            for _ in 0..<8 {
                let queued = try await http.post("/v3/profile/status/batch.json", ["profiles": [["profile_id": "p1", "statuses": ["vip"]]]])
                batchIDs.append(try #require(queued.data["batch_id"]?.stringValue))
                _ = try await http.finished(batchIDs.last!)
            }
            #expect(try await http.get("/v3/batches/\(batchIDs[0])").status == 404)
            #expect(try await http.get("/v3/batches/\(batchIDs[7])").status == 200)
            let log = http.server.requestLog
            #expect(log.entries().count == 10)
            #expect(log.entries().last?.sequence == log.total)
            #expect(log.countsByEndpoint["POST /v3/profile/status/batch.json"] == 8)
        }
    }
}
