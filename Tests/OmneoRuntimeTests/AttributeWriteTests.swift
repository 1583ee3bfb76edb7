// omneo.profile_attributes against a sandbox tenant over real HTTP: one attribute set or removed through
// its own endpoint, the others kept, in either shape the tenant serves.
import OmneoModel
import Foundation
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct AttributeWriteTests {
    static let seed: TenantSeed = {
        let statuses = [StatusDefinition(id: 1, handle: "vip", name: "VIP")]
        var profiles: [[String: JSONValue]] = (1...3).map { n in ["id": .string("p\(n)"), "email": .string("person\(n)@example.com")] }
        profiles[0]["custom_attributes"] = ["loyalty": ["lifetime_spend": "120.00", "tier": "silver"]]
        profiles[1]["custom_attributes"] = [["namespace": "social", "handle": "followers", "type": "integer", "value": 5000]]
        return TenantSeed(statuses: statuses, profiles: profiles)
    }()

    static func attributes(_ tenant: TenantFixture, _ id: String) async -> JSONValue? {
        guard case .live(let profile) = await tenant.server.store.inspect(profileID: id) else { return nil }
        return profile["custom_attributes"]
    }

    @Test(arguments: AttributeShape.allCases) func setChangesOneAttributeAndKeepsTheOthers(shape: AttributeShape) async throws {
        let tenant = try await TenantFixture(seed: Self.seed, attributes: shape)
        let run = try await tenant.run("recipe.lua", source: """
            assert(omneo.profile_attributes.set("p1", "loyalty", "tier", "gold") == "updated")
            assert(omneo.profile_attributes.set("p1", "loyalty", "tier", "gold") == "already_present")
            assert(omneo.profile_attributes.set("p1", "loyalty", "points", 40) == "added")
            assert(omneo.profile_attributes.remove("p2", "social", "followers") == "removed")
            assert(omneo.profile_attributes.remove("p2", "social", "followers") == "not_present")
            local none, err = omneo.profile_attributes.set("ghost", "loyalty", "tier", "gold")
            assert(none == nil and err == "not_found", err)
            local p = omneo.profiles.get("p1")
            assert(omneo.profiles.attribute(p, "loyalty", "tier") == "gold")
            assert(omneo.profiles.attribute(p, "loyalty", "lifetime_spend") == "120.00")
            assert(omneo.profiles.attribute(p, "loyalty", "points") == 40)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == nil, "never the profile PUT that replaces the list")
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}/attributes/custom/{key}"] == 2)
        #expect(tenant.server.requestLog.countsByEndpoint["DELETE /v3/profiles/{id}/attributes/custom/{key}"] == 1)
        switch shape {
        case .object: #expect(await Self.attributes(tenant, "p1") == ["loyalty": ["lifetime_spend": "120.00", "tier": "gold", "points": 40]])
        case .array: #expect((await Self.attributes(tenant, "p1"))?.arrayValue?.count == 3)
        }
        #expect(await Self.attributes(tenant, "p2") == [])
        await tenant.close()
    }

    @Test func aDryRunReadsAndSendsNothing() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: """
            assert(omneo.profile_attributes.set("p1", "loyalty", "tier", "gold") == "would_update")
            assert(omneo.profile_attributes.set("p3", "loyalty", "tier", "gold") == "would_add")
            assert(omneo.profile_attributes.remove("p2", "social", "followers") == "would_remove")
            """, dryRun: true)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test(arguments: [
        (#"omneo.profile_attributes.set("p1", "loyalty", "tier")"#,
         "DIR/recipe.lua:1: bad argument #4 to 'omneo.profile_attributes.set' (a value expected (omneo.profile_attributes.remove deletes one))"),
        (#"omneo.profile_attributes.set("p1", "loyalty", "tier", "1", "decimal")"#,
         "DIR/recipe.lua:1: bad argument #5 to 'omneo.profile_attributes.set' (type must be one of string, integer, float, boolean, json, array, got 'decimal')"),
        (#"omneo.profile_attributes.set("p1", "loy:alty", "tier", "1")"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profile_attributes.set' (a namespace has no colon, got "loy:alty")"#),
        (#"omneo.profile_attributes.remove("p1", "loyalty", 3)"#,
         "DIR/recipe.lua:1: bad argument #3 to 'omneo.profile_attributes.remove' (handle must be a string, got number 3)"),
    ])
    func misuseRaisesAtTheRecipesLineAndSendsNothing(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: source)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == message)
        #expect(tenant.writes == 0)
        await tenant.close()
    }
}
