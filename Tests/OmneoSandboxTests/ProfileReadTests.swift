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
            let staff = try await http.get("/v3/profiles?filter[statuses.handle]=staff").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(staff == ["p1", "p2", "p4", "p6"])
            let named = try await http.get("/v3/profiles?filter[first_name]=person5").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(named == ["p5"])
            let shopify = try await http.get("/v3/profiles?filter[identities.identifier]=SH-1").data.arrayValue?.count
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

    @Test func bracketSpellingOfARelationFilterIsRefusedWithTheAllowedList() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?filter[statuses][handle]=staff")
            #expect(answer.status == 400)
            #expect(answer.message?.hasPrefix("Requested filter(s) `statuses` are not allowed.") == true)
            #expect(answer.message?.contains("Allowed filter(s) are `email, first_name, last_name, mobile_phone, profile_type, statuses.handle, tags.handle, identities.identifier`") == true)
            #expect(try await http.get("/v3/profiles?filter[tags][handle]=vip").status == 400)
            #expect(try await http.get("/v3/profiles?filter[identities][identifier]=SH-1").status == 400)
        }
    }

    @Test func aRepeatedKeyIsSeveralValuesMatchingAnyWhenAskedTo() async throws {
        var configuration = SmallTenant.configuration()
        configuration.repeatedFilterKeys = .any
        configuration.seed.profiles[4]["tags"] = ["mobile-app"]
        configuration.seed.profiles[5]["tags"] = ["vip", "mobile-app"]
        configuration.seed.profiles[2]["tags"] = ["vip"]
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            func ids(_ query: String) async throws -> [String]? {
                try await http.get("/v3/profiles?\(query)").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            }
            #expect(try await ids("filter[tags.handle]=vip&filter[tags.handle]=mobile-app") == ["p3", "p5", "p6"])
            #expect(try await ids("filter[tags.handle]=vip") == ["p3", "p6"])
            #expect(try await ids("filter[statuses.handle]=vip&filter[statuses.handle]=staff") == ["p1", "p2", "p4", "p6"])
            #expect(try await ids("filter[email]=person5%40example.com&filter[email]=jane.doe%40example.com") == ["p1", "p5"])
            // Different filters narrow each other.
            #expect(try await ids("filter[tags.handle]=mobile-app&filter[statuses.handle]=staff") == ["p6"])
        }
    }

    /// By default a repeated key is read as PHP reads it: the last one alone. Commas still split (spatie).
    @Test func aRepeatedKeyIsTheLastOneAloneByDefault() async throws {
        var configuration = SmallTenant.configuration()
        configuration.seed.profiles[4]["tags"] = ["mobile-app"]
        configuration.seed.profiles[5]["tags"] = ["vip", "mobile-app"]
        configuration.seed.profiles[2]["tags"] = ["vip"]
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            func ids(_ query: String) async throws -> [String]? {
                try await http.get("/v3/profiles?\(query)").data.arrayValue?.compactMap { $0["id"]?.stringValue }
            }
            #expect(try await ids("filter[tags.handle]=vip&filter[tags.handle]=mobile-app") == ["p5", "p6"])
            #expect(try await ids("filter[tags.handle]=vip,mobile-app") == ["p3", "p5", "p6"])
        }
    }

    @Test func theIgnoreFiltersFaultAnswersEveryProfile() async throws {
        var configuration = SmallTenant.configuration()
        configuration.faults = try FaultSpec(parsing: "ignore_filters")
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let answer = try await http.get("/v3/profiles?filter[statuses.handle]=vip")
            #expect(answer.data.arrayValue?.count == 6)
            #expect(try await http.get("/v3/profiles?filter[colour]=red").status == 400, "the filter names are still checked")
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
