// Contract: POST /v3/profiles/batch, matched by email or an identity handle.
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct ProfileBatchTests {
    func upsert(_ http: SandboxHTTP, _ body: JSONValue) async throws -> JSONValue {
        let answer = try await http.post("/v3/profiles/batch", body)
        guard answer.status == 202, let batchID = answer.data["batch_id"]?.stringValue else {
            throw SandboxTestError("profiles batch answered \(answer.status): \(answer.json)")
        }
        return try await http.finished(batchID)
    }

    @Test func matchedProfilesAreUpdatedOthersCreated() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await upsert(http, [
                "match_criteria": "email",
                "profiles": [["email": "JANE.DOE@example.com", "last_name": "Updated"], ["email": "fresh@example.com", "first_name": "Fresh"]],
            ])
            #expect(batch["entity_type"]?.stringValue == "profile")
            #expect(batch["success_count"]?.intValue == 2)
            #expect(try await http.get("/v3/profiles/p1").data["last_name"]?.stringValue == "Updated")
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["vip", "staff"])
            #expect(await http.server.store.profileIDs(email: "fresh@example.com").count == 1)
        }
    }

    @Test func statusesInTheBatchReplaceTheSet() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            _ = try await upsert(http, ["match_criteria": "email", "profiles": [["email": "person5@example.com", "statuses": ["media"]]]])
            #expect(await http.server.store.statuses(ofProfile: "p5") == ["media"])
            _ = try await upsert(http, ["match_criteria": "email", "profiles": [["email": "jane.doe@example.com", "statuses": ["media"]]]])
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["media"])
        }
    }

    @Test func matchesByIdentityHandle() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await upsert(http, [
                "match_criteria": "shopify",
                "profiles": [["first_name": "Shop", "identities": [["handle": "shopify", "identifier": "SH-1"]]]],
            ])
            #expect(batch["items"]?.arrayValue?.first?["entity_id"]?.stringValue == "p1")
            #expect(try await http.get("/v3/profiles/p1").data["first_name"]?.stringValue == "Shop")
        }
    }

    @Test func aSharedEmailIsAFailedItemNotAGuess() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let batch = try await upsert(http, ["match_criteria": "email", "profiles": [["email": "shared@example.com", "first_name": "Which"]]])
            #expect(batch["status"]?.stringValue == "failed")
            #expect(batch["items"]?.arrayValue?.first?["error"]?.stringValue?.contains("Several profiles") == true)
            #expect(try await http.get("/v3/profiles/p2").data["first_name"]?.stringValue == "Person2")
        }
    }

    @Test func invalidRowsAre422NamingRowAndField() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.post("/v3/profiles/batch", [
                "match_criteria": "email",
                "profiles": [["email": "ok@example.com"], ["first_name": "No email"], ["email": "x@example.com", "birth_day": 40]],
            ])
            #expect(answer.status == 422)
            #expect(Set(answer.fieldErrors.keys) == ["profiles.1.email", "profiles.2.birth_day"])
            #expect(try await http.post("/v3/profiles/batch", ["profiles": [["email": "a@example.com"]]]).fieldErrors["match_criteria"] != nil)
        }
    }
}
