// Contract: bearer tokens and scopes, with Laravel's bodies.
import OmneoSandbox
import Testing

@Suite struct AuthTests {
    @Test func missingOrWrongTokenIs401() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            var anonymous = http
            anonymous.token = nil
            let missing = try await anonymous.get("/v3/statuses")
            #expect(missing.status == 401)
            #expect(missing.json == ["message": "Unauthenticated."])
            let wrong = try await http.get("/v3/statuses", token: "not-a-token")
            #expect(wrong.status == 401)
            #expect(wrong.json == ["message": "Unauthenticated."])
        }
    }

    @Test func readOnlyTokenReadsButCannotWrite() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            var readOnly = http
            readOnly.token = "sandbox-readonly"
            #expect(try await readOnly.get("/v3/profiles/p1").status == 200)
            #expect(try await readOnly.get("/v3/statuses").status == 200)
            let write = try await readOnly.post("/v3/profile/status/batch.json", ["profiles": [["profile_id": "p1", "statuses": ["media"]]]])
            #expect(write.status == 403)
            #expect(write.json == ["message": "Invalid scope(s) provided."])
            #expect(try await readOnly.put("/v3/profiles/p1", ["first_name": "X"]).status == 403)
            #expect(try await readOnly.delete("/v3/profiles/p1").status == 403)
            #expect(await http.server.store.statuses(ofProfile: "p1") == ["vip", "staff"])
        }
    }

    @Test func verifyAnswersWithTheScopes() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/auth/verify", token: "sandbox-readonly")
            #expect(answer.status == 200)
            #expect(answer.data["scopes"]?.arrayValue == ["read-profiles", "read-statuses"])
            #expect(try await http.get("/v3/auth/verify", token: "nope").status == 401)
        }
    }

    @Test func seedFileTokensReplaceTheDemoOnes() async throws {
        var configuration = SmallTenant.configuration()
        configuration.seed.tokens = [SandboxToken(token: "custom", scopes: ["read-statuses"])]
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/statuses", token: "custom").status == 200)
            #expect(try await http.get("/v3/profiles", token: "custom").status == 403)
            #expect(try await http.get("/v3/statuses").status == 401)
        }
    }
}
