// Contract: finding and reading profiles (filters, identities, 404s).
import OmneoSandbox
import Testing

@Suite struct ProfileReadTests {
    @Test func emailFilterIgnoresCaseAndStraySpaces() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?filter[email]=jane.doe%40example.com")
            #expect(answer.data.arrayValue?.compactMap { $0["id"]?.stringValue } == ["p1"])
            #expect(try await http.get("/v3/profiles?filter[email]=%20JANE.DOE%40example.com").data.arrayValue?.count == 1)
        }
    }

    @Test func sharedEmailMatchesSeveralProfiles() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let ids = try await http.get("/v3/profiles?filter[email]=shared%40example.com").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == ["p2", "p3"])
        }
    }

    @Test func unknownEmailMatchesNobody() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?filter[email]=nobody%40example.com")
            #expect(answer.status == 200)
            #expect(answer.data.arrayValue?.isEmpty == true)
            #expect(answer.json["meta"]?["total"]?.intValue == 0)
        }
    }

    @Test func plusInAQueryIsASpaceUnlessEncoded() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/profiles?filter[email]=jane+vip@example.com").data.arrayValue?.isEmpty == true)
            #expect(try await http.get("/v3/profiles?filter[email]=jane%2Bvip%40example.com").data.arrayValue?.count == 1)
        }
    }

    @Test func otherFiltersAndSort() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let staff = try await http.get("/v3/profiles?filter[statuses][handle]=staff").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(staff == ["p1", "p2", "p4", "p6"])
            let named = try await http.get("/v3/profiles?filter[first_name]=person5").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(named == ["p5"])
            let shopify = try await http.get("/v3/profiles?filter[identities][identifier]=SH-1").data.arrayValue?.count
            #expect(shopify == 1)
            let newest = try await http.get("/v3/profiles?sort=-created_at").data.arrayValue?.first?["id"]?.stringValue
            #expect(newest == "p6")
        }
    }

    @Test func unknownFilterIsRefusedNotIgnored() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?filter[emial]=jane%40example.com")
            #expect(answer.status == 400)
            #expect(answer.message?.contains("`emial`") == true)
        }
    }

    @Test func getByIdAndByIdentity() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let profile = try await http.get("/v3/profiles/p1?include=statuses").data
            #expect(profile["statuses"]?.arrayValue == ["vip", "staff"])
            #expect(profile["email"]?.stringValue == " Jane.Doe@Example.COM ")
            #expect(try await http.get("/v3/profiles/SH-1?identity[handle]=shopify").data["id"]?.stringValue == "p1")
            let missing = try await http.get("/v3/profiles/nope")
            #expect(missing.status == 404)
            #expect(missing.message == "Profile not found.")
        }
    }
}
