// Contract: create, PUT (a statuses array replaces the set), delete, purge, and their 422s.
import OmneoSandbox
import Testing

@Suite struct ProfileWriteTests {
    @Test func createAnswers201AndRefusesADuplicateEmail() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let created = try await http.post("/v3/profiles", ["first_name": "New", "email": "new@example.com"])
            #expect(created.status == 201)
            let id = try #require(created.data["id"]?.stringValue)
            #expect(try await http.get("/v3/profiles/\(id)").data["email"]?.stringValue == "new@example.com")
            let duplicate = try await http.post("/v3/profiles", ["email": "NEW@example.com"])
            #expect(duplicate.status == 422)
            #expect(duplicate.fieldErrors["email"]?.arrayValue == ["The email has already been taken."])
        }
    }

    @Test func invalidFieldsAre422WithEveryFieldNamed() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.post("/v3/profiles", ["email": "not-an-email", "gender": "robot", "birth_month": 13])
            #expect(answer.status == 422)
            #expect(Set(answer.fieldErrors.keys) == ["email", "gender", "birth_month"])
            #expect(answer.message?.contains("(and 2 more errors)") == true)
        }
    }

    @Test func putWithoutStatusesKeepsThem() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.put("/v3/profiles/p1", ["first_name": "Janet"])
            #expect(answer.status == 200)
            #expect(answer.data["first_name"]?.stringValue == "Janet")
            #expect(answer.data["statuses"]?.arrayValue == ["vip", "staff"])
        }
    }

    @Test func putWithStatusesReplacesTheWholeSet() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.put("/v3/profiles/p1", ["statuses": ["influencer", "nonexistent"]])
            #expect(answer.data["statuses"]?.arrayValue == ["influencer"])
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["influencer"])
        }
    }

    @Test func putOnAnUnknownProfileIs404() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.put("/v3/profiles/nope", ["first_name": "X"]).status == 404)
        }
    }

    @Test func deleteIsSoftAndPurgeErases() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.delete("/v3/profiles/p5").status == 204)
            #expect(try await http.get("/v3/profiles/p5").status == 404)
            #expect(try await http.get("/_sandbox/profiles/p5").json["state"]?.stringValue == "deleted")
            #expect(try await http.delete("/v3/profiles/p5").status == 404)
            #expect(try await http.post("/v3/profiles/p5/purge", nil).status == 202)
            #expect(try await http.get("/_sandbox/profiles/p5").json["state"]?.stringValue == "absent")
            #expect(try await http.post("/v3/profiles/p5/purge", nil).status == 404)
        }
    }
}
