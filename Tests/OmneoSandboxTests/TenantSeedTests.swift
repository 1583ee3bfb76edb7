// The demo fixture loads with its edge cases, and a bad seed file is named, never half-loaded.
import Foundation
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct TenantSeedTests {
    @Test func demoTenantHasTheEdgeCasesRecipesMeet() async throws {
        let seed = try TenantSeed.demo()
        #expect(seed.statuses.count == 12)
        #expect(seed.profiles.count > 2000)
        let emails = seed.profiles.compactMap { $0["email"]?.stringValue }
        #expect(emails.contains { $0 != $0.lowercased() })
        #expect(emails.contains { $0 != $0.trimmingCharacters(in: .whitespaces) })
        let keys = emails.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        #expect(Set(keys).count < keys.count, "no email is shared by two profiles")
        #expect(seed.profiles.contains { $0["custom_attributes"]?.arrayValue?.contains { $0["handle"] == "followers" } == true })
        #expect(seed.tokens.map(\.token) == ["sandbox-token", "sandbox-readonly"])
    }

    /// Seeded as a real tenant holds them (the vendor SDK's values), so recipes meet `active` and both withheld spellings.
    @Test func demoTenantUsesTheVendorsFieldValues() throws {
        let seed = try TenantSeed.demo()
        let types = seed.profiles.compactMap { $0["profile_type"]?.stringValue }
        let genders = seed.profiles.compactMap { $0["gender"]?.stringValue }
        #expect(types.count(where: { $0 == "active" }) * 10 > seed.profiles.count * 8)
        #expect(genders.contains("withheld") && genders.contains("witheld"))
        #expect(Set(types).isSubset(of: ProfileFieldRules.profileTypes) && Set(genders).isSubset(of: ProfileFieldRules.genders))
        #expect(seed.profiles.allSatisfy { ProfileFieldRules.problems(of: ["gender": $0["gender"] ?? .null, "profile_type": $0["profile_type"] ?? .null]).isEmpty })
    }

    @Test func demoTenantServes() async throws {
        var configuration = try SandboxConfiguration.demo()
        configuration.rate = 0
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/statuses?filter[handle]=influencer").data.arrayValue?.count == 1)
            #expect(try await http.get("/v3/profiles").json["meta"]?["total"]?.intValue == configuration.seed.profiles.count)
        }
    }

    @Test func badSeedsAreNamed() {
        func message(_ json: String) -> String? {
            do {
                _ = try TenantSeed(json: Data(json.utf8), source: "tenant.json")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message("{") == "tenant.json: not valid JSON (Unexpected end of file)" || message("{")?.hasPrefix("tenant.json: not valid JSON") == true)
        #expect(message("[]") == "tenant.json: expected an object with \"statuses\" and \"profiles\"")
        #expect(message(#"{"statuses":[{"handle":"vip"},{"handle":"vip"}]}"#) == "tenant.json: statuses[1]: handle 'vip' is defined twice")
        #expect(message(#"{"statuses":[],"profiles":[{"id":"a"},{"id":"a"}]}"#) == "tenant.json: profiles[1].id 'a' is used twice")
        #expect(message(#"{"statuses":[],"profiles":[{"statuses":"vip"}]}"#) == "tenant.json: profiles[0].statuses must be a list of handles")
        #expect(throws: SandboxConfigurationError("/nonexistent.json: cannot read the seed file")) { try TenantSeed.load(path: "/nonexistent.json") }
    }
}
