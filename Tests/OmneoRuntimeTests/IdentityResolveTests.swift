// `omneo.profiles.resolve(values, {by = "identity:HANDLE"})` against a sandbox tenant over real HTTP: one
// outcome each, never guessed, by lookups or by a scan alike.
import OmneoModel
import Foundation
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct IdentityResolveTests {
    static func identity(_ handle: String, _ identifier: String) -> JSONValue {
        .object(["handle": .string(handle), "identifier": .string(identifier), "is_active": true])
    }

    /// p1 is Shopify 1001; p2 and p3 both claim 1002; p4 holds 1003 as a loyalty card, not a Shopify id;
    /// p5 holds 1005 and loyalty 1001 (another handle's identifier is no match).
    static let seed: TenantSeed = {
        let statuses = [StatusDefinition(id: 1, handle: "vip", name: "VIP")]
        var profiles: [[String: JSONValue]] = (1...120).map { n in
            ["id": .string("p\(n)"), "email": .string("person\(n)@example.com"), "statuses": n == 1 ? ["vip"] : []]
        }
        profiles[0]["identities"] = [identity("shopify", "1001")]
        profiles[1]["identities"] = [identity("shopify", "1002")]
        profiles[2]["identities"] = [identity("shopify", "1002")]
        profiles[3]["identities"] = [identity("loyalty", "1003")]
        profiles[4]["identities"] = [identity("loyalty", "1001"), identity("shopify", "1005")]
        return TenantSeed(statuses: statuses, profiles: profiles)
    }()

    static let recipe = """
        local r = omneo.profiles.resolve({ "1001", 1002, "1003", "  ", " 1001 ", "9999", 1005 }, OPTIONS)
        local outcomes = {}
        for i, row in ipairs(r.rows) do outcomes[i] = row.outcome end
        assert(table.concat(outcomes, ",") == "found,ambiguous,missing,invalid,duplicate,missing,found", table.concat(outcomes, ","))
        assert(#r.ids == 2 and r.ids[1] == "p1" and r.ids[2] == "p5", table.concat(r.ids, ","))
        assert(r.by_identifier["1001"] == "p1" and r.by_identifier["1005"] == "p5" and r.by_email == nil)
        assert(r.rows[1].identifier == "1001" and r.rows[2].identifier == "1002" and r.rows[5].duplicate_of == 1 and r.rows[5].id == "p1")
        assert(#r.ambiguous == 1 and r.ambiguous[1].identifier == "1002" and r.ambiguous[1].count == 2, r.ambiguous[1].count)
        assert(r.rows[2].reason == "2 profiles share this shopify identity", r.rows[2].reason)
        assert(#r.missing == 2 and r.missing[1] == "1003" and r.missing[2] == "9999")
        assert(#r.invalid == 1 and r.invalid[1].identifier == "  " and r.invalid[1].reason == "empty")
        assert(r.statuses["p1"][1] == "vip")
        """

    @Test(arguments: ["{ by = \"identity:shopify\" }", "{ by = \"identity:shopify\", plan = \"lookups\" }", "{ by = \"identity:shopify\", plan = \"scan\" }"])
    func everyRowGetsOneOutcome(options: String) async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: Self.recipe.replacingOccurrences(of: "OPTIONS", with: options))
        #expect(run.outcome == .finished, "\(run.outcome)")
        let lookups = tenant.server.requestLog.entries().filter { $0.target.contains("identities.identifier") }.count
        // One lookup per distinct identifier (5); a scan (two pages of 100) leaves only the two it did not find
        // to look up, so one added meanwhile is not reported missing.
        #expect(lookups == (options.contains("scan") ? 2 : 5))
        #expect(tenant.server.requestLog.entries().filter { $0.target.contains("sort=created_at") }.count == (options.contains("scan") ? 2 : 0))
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test(arguments: [
        (#"omneo.profiles.resolve({"1"}, {by = "shopify"})"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profiles.resolve' (by must be "email" or "identity:HANDLE" (e.g. "identity:shopify"), got "shopify")"#),
        (#"omneo.profiles.resolve({"1"}, {by = "identity:"})"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profiles.resolve' (by must be "email" or "identity:HANDLE" (e.g. "identity:shopify"): an identity handle is empty in "identity:")"#),
        (#"omneo.profiles.resolve({"1", {}}, {by = "identity:shopify"})"#,
         "DIR/recipe.lua:1: bad argument #1 to 'omneo.profiles.resolve' (identifier #2 must be a string or a whole number, got table)"),
        (#"omneo.profiles.resolve({"1"}, {by = true})"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profiles.resolve' (by must be "email" or "identity:HANDLE" (e.g. "identity:shopify"), got boolean true)"#),
    ])
    func misuseRaisesAtTheRecipesLine(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: source)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == message)
        #expect(tenant.server.requestLog.entries().filter { $0.endpoint.hasPrefix("GET /v3/profiles") }.isEmpty)
        await tenant.close()
    }

    /// `by = "email"` is the default spelt out.
    @Test func byEmailIsTheDefault() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: """
            local r = omneo.profiles.resolve({ "person7@example.com" }, { by = "email" })
            assert(r.by_email["person7@example.com"] == "p7")
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }
}
