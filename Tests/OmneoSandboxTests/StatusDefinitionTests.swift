// Contract: GET /v3/statuses, its pagination envelope and filter[handle].
import OmneoSandbox
import Testing

@Suite struct StatusDefinitionTests {
    @Test func browsesEveryDefinitionInTheEnvelope() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/statuses")
            #expect(answer.status == 200)
            #expect(answer.data.arrayValue?.compactMap { $0["handle"]?.stringValue } == ["vip", "staff", "influencer", "media"])
            #expect(answer.json["meta"]?["total"]?.intValue == 4)
            #expect(answer.json["meta"]?["per_page"]?.intValue == 15)
            #expect(answer.json["links"]?["next"] == .null)
            let vip = try #require(answer.data.arrayValue?.first)
            for field in ["id", "handle", "name", "group_handle", "sort_order", "description", "created_at", "updated_at"] {
                #expect(vip[field] != nil, "status lacks \(field)")
            }
        }
    }

    @Test func filterByHandleIsExactAndCaseSensitive() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/statuses?filter[handle]=vip").data.arrayValue?.count == 1)
            #expect(try await http.get("/v3/statuses?filter%5Bhandle%5D=vip").data.arrayValue?.count == 1)
            #expect(try await http.get("/v3/statuses?filter[handle]=VIP").data.arrayValue?.count == 0)
            #expect(try await http.get("/v3/statuses?filter[handle]=vpi").data.arrayValue?.count == 0)
        }
    }

    @Test func pagesWithEitherParameterStyle() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let first = try await http.get("/v3/statuses?page[size]=3")
            #expect(first.data.arrayValue?.count == 3)
            #expect(first.json["meta"]?["last_page"]?.intValue == 2)
            #expect(first.json["links"]?["next"]?.stringValue?.contains("page[number]=2") == true)
            let second = try await http.get("/v3/statuses?per_page=3&page=2")
            #expect(second.data.arrayValue?.compactMap { $0["handle"]?.stringValue } == ["media"])
            #expect(second.json["meta"]?["from"]?.intValue == 4)
            let beyond = try await http.get("/v3/statuses?page[size]=3&page[number]=9")
            #expect(beyond.data.arrayValue?.isEmpty == true)
            #expect(try await http.get("/v3/statuses?page[size]=0").status == 422)
        }
    }

    @Test func pageSizeIsCappedAtOneHundred() async throws {
        var configuration = SmallTenant.configuration(profiles: 150)
        configuration.rate = 0
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?page[size]=500")
            #expect(answer.data.arrayValue?.count == 100)
            #expect(answer.json["meta"]?["per_page"]?.intValue == 100)
            #expect(answer.json["meta"]?["total"]?.intValue == 150)
        }
    }
}
