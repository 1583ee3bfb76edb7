// Contract: tags as the vendor keeps them: a PUT's `tags` replaces the whole list, spaces become hyphens,
// case is kept, `updated_at` moves on every write, `GET /v3/tags` lists the tenant's tags (paged);
// the switches `drop_new_tags` and `rival_tags=N`.
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct TagTests {
    static func tagged() -> SandboxConfiguration {
        var configuration = SmallTenant.configuration()
        configuration.seed.profiles[0]["tags"] = ["vip-2024", "mobile-app"]
        configuration.seed.profiles[1]["tags"] = ["mobile-app"]
        return configuration
    }

    @Test func putWithTagsReplacesTheWholeListAndNormalisesSpaces() async throws {
        try await withSandbox(Self.tagged()) { (http: SandboxHTTP) async throws in
            let before = try await http.get("/v3/profiles/p1").data
            #expect(before["tags"]?.arrayValue == ["vip-2024", "mobile-app"])
            let answer = try await http.put("/v3/profiles/p1", ["tags": ["christmas campaign", "Mobile-App", "christmas-campaign"]])
            #expect(answer.status == 200)
            // Replaced whole: the old tags are gone; the space became a hyphen; case is kept; each tag once.
            #expect(answer.data["tags"]?.arrayValue == ["christmas-campaign", "Mobile-App"])
            #expect(await http.server.store.tags(ofProfile: "p1") == ["christmas-campaign", "Mobile-App"])
            #expect(answer.data["updated_at"] != before["updated_at"])
            #expect(answer.data["statuses"]?.arrayValue == ["vip", "staff"])
        }
    }

    @Test func aPutWithoutTagsKeepsThemAndStillMovesUpdatedAt() async throws {
        try await withSandbox(Self.tagged()) { (http: SandboxHTTP) async throws in
            let first = try await http.put("/v3/profiles/p1", ["first_name": "Janet"]).data
            let second = try await http.put("/v3/profiles/p1", ["first_name": "Janet"]).data
            #expect(second["tags"]?.arrayValue == ["vip-2024", "mobile-app"])
            #expect(first["updated_at"] != second["updated_at"])
        }
    }

    @Test func theTenantsTagsAreListedPagedWithNewOnesAdded() async throws {
        try await withSandbox(Self.tagged()) { (http: SandboxHTTP) async throws in
            _ = try await http.put("/v3/profiles/p3", ["tags": ["new tag"]])
            let all = try await http.get("/v3/tags")
            #expect(all.status == 200)
            #expect(all.data.arrayValue?.compactMap { $0["handle"]?.stringValue } == ["vip-2024", "mobile-app", "new-tag"])
            #expect(all.data.arrayValue?.first?["id"]?.intValue == 1)
            #expect(all.json["meta"]?["total"]?.intValue == 3)
            let second = try await http.get("/v3/tags?page[size]=2&page[number]=2")
            #expect(second.data.arrayValue?.compactMap { $0["handle"]?.stringValue } == ["new-tag"])
            #expect(try await http.get("/v3/tags?filter[handle]=mobile-app").data.arrayValue?.count == 1)
        }
    }

    @Test func dropNewTagsDropsATagTheTenantDoesNotKnowWithoutAWord() async throws {
        var configuration = Self.tagged()
        configuration.faults = try FaultSpec(parsing: "drop_new_tags")
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let answer = try await http.put("/v3/profiles/p2", ["tags": ["mobile-app", "brand-new"]])
            #expect(answer.status == 200)
            #expect(answer.data["tags"]?.arrayValue == ["mobile-app"])
            #expect(try await http.get("/v3/tags").data.arrayValue?.count == 2)
        }
    }

    @Test func rivalTagsChangesAProfileRightAfterEachOfItsFirstReads() async throws {
        var configuration = Self.tagged()
        configuration.faults = try FaultSpec(parsing: "rival_tags=2")
        #expect(configuration.faults.description == "rival_tags=2")
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let first = try await http.get("/v3/profiles/p2").data
            #expect(first["tags"]?.arrayValue == ["mobile-app"])
            let second = try await http.get("/v3/profiles/p2").data
            #expect(second["tags"]?.arrayValue == ["mobile-app", "rival-1"])
            #expect(second["updated_at"] != first["updated_at"])
            let third = try await http.get("/v3/profiles/p2").data
            #expect(third["tags"]?.arrayValue == ["mobile-app", "rival-1", "rival-2"])
            let fourth = try await http.get("/v3/profiles/p2").data
            #expect(fourth == third)
            // Counted per profile; the inspection route is no read of the API.
            #expect(try await http.get("/v3/profiles/p1").data["tags"]?.arrayValue == ["vip-2024", "mobile-app"])
        }
    }

    @Test func putOmitsTagsAnswersATagPutWithoutThem() async throws {
        var configuration = Self.tagged()
        configuration.faults = try FaultSpec(parsing: "put_omits_tags")
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let answer = try await http.put("/v3/profiles/p2", ["tags": ["mobile-app", "xmas"]])
            #expect(answer.status == 200 && answer.data["tags"] == nil && answer.data["id"]?.stringValue == "p2")
            #expect(await http.server.store.tags(ofProfile: "p2") == ["mobile-app", "xmas"])
            #expect(try await http.put("/v3/profiles/p2", ["first_name": "Bo"]).data["tags"]?.arrayValue == ["mobile-app", "xmas"])
        }
    }

    @Test func theSwitchesAreParsedAndRefusedPlainly() throws {
        #expect(throws: SandboxConfigurationError.self) { try FaultSpec(parsing: "rival_tags=many") }
        let both = try FaultSpec(parsing: "drop_new_tags,rival_tags=3")
        #expect(both.dropNewTags && both.rivalTags == 3)
    }
}
