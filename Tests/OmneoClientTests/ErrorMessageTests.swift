// What a refused call says: short, human, naming the tenant, the scope or the fields; never retried.
import OmneoModel
import OmneoClient
import OmneoSandbox
import Testing

@Suite struct ErrorMessageTests {
    @Test func rejectedTokenNamesTheTenant() async throws {
        try await Sandbox.with(Sandbox.configuration(), token: "not-a-valid-token") { server, client in
            let error = await #expect(throws: OmneoClientError.self) { try await client.verifyToken() }
            #expect(error?.description == "the token for tenant sandbox was rejected (401 Unauthenticated)")
            #expect(error?.code == "unauthenticated" && error?.stopsTheRun == true)
            #expect(server.requestLog.total == 1)
        }
    }

    @Test func missingScopeIsNamed() async throws {
        try await Sandbox.with(Sandbox.configuration(), token: "sandbox-readonly") { server, client in
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
            }
            #expect(error?.description == "the token for tenant sandbox lacks the update-profiles scope needed for POST /v3/profile/status/batch.json (403)")
            let batch = await #expect(throws: OmneoClientError.self) {
                try await client.upsertProfiles([try ProfileFields(["email": "a@example.com"])], matchCriteria: "email")
            }
            #expect(batch?.description.contains("lacks the create-profiles and update-profiles scopes") == true)
            #expect(server.requestLog.total == 2)
        }
    }

    @Test func notFoundIsNilForAProfileAndAnErrorElsewhere() async throws {
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            let missing = try await client.profile(id: "missing")
            #expect(missing == nil)
            let error = await #expect(throws: OmneoClientError.self) { try await client.batch(id: "no-such-batch") }
            #expect(error?.description == "GET /v3/batches/no-such-batch: not found (Batch not found.)")
            #expect(error?.code == "not_found" && error?.status == 404 && error?.stopsTheRun == false)
            #expect(server.requestLog.total == 2)
        }
    }

    @Test func invalidDataListsTheFieldErrors() async throws {
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.upsertProfiles(
                    [try ProfileFields(["email": "ok@example.com"]), try ProfileFields(["email": "not-an-email", "gender": "x"])],
                    matchCriteria: "email"
                )
            }
            #expect(error?.description == """
                POST /v3/profiles/batch was refused (422): profiles.1.email: The profiles.1.email must be a valid email address.; \
                profiles.1.gender: The selected profiles.1.gender is invalid (one of: male, female, other, withheld, witheld).
                """)
            #expect(error?.fieldErrors.map(\.field) == ["profiles.1.email", "profiles.1.gender"])
            let duplicate = await #expect(throws: OmneoClientError.self) {
                try await client.createProfile(try ProfileFields(["email": "user1@example.com"]))
            }
            #expect(duplicate?.description == "POST /v3/profiles was refused (422): email: The email has already been taken.")
            #expect(server.requestLog.total == 2)
        }
    }

    @Test func unknownFilterIsABadRequest() async throws {
        try await Sandbox.with(Sandbox.configuration()) { _, client in
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.profilePage(filters: ["colour": "red"], page: 1, size: 10)
            }
            #expect(error?.status == 400)
            #expect(error?.description.hasPrefix(
                "GET /v3/profiles?filter[colour]=red&page[number]=1&page[size]=10 was refused (400): Requested filter(s) `colour` are not allowed."
            ) == true)
        }
    }
}
