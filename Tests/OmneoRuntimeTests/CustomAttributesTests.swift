// custom_attributes reaches Lua in one shape, keyed by namespace then handle, whichever shape the tenant
// serves; omneo.profiles.attribute reads it (and the documented list); writes send what the recipe gave.
import OmneoModel
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct CustomAttributesTests {
    static let seed = TenantSeed(statuses: [StatusDefinition(id: 1, handle: "vip", name: "VIP")], profiles: [
        ["id": "a", "email": "a@example.com", "custom_attributes": [
            ["namespace": "loyalty", "handle": "lifetime_spend", "type": "decimal", "value": "120.00"],
            ["namespace": "social", "handle": "followers", "type": "integer", "value": "5000"],
            ["namespace": "prefs", "handle": "opted_in", "type": "boolean", "value": false],
        ]],
        ["id": "b", "email": "b@example.com", "custom_attributes": [
            "loyalty": ["lifetime_spend": "120.00"], "social": ["followers": "5000"], "prefs": ["opted_in": false],
        ]],
        ["id": "c", "email": "c@example.com"],
    ])

    static let reads = """
        local expected = '{"loyalty":{"lifetime_spend":"120.00"},"prefs":{"opted_in":false},"social":{"followers":"5000"}}'
        local a, b, c = omneo.profiles.get("a"), omneo.profiles.get("b"), omneo.profiles.get("c")
        assert(omneo.json.encode(a.custom_attributes) == expected, omneo.json.encode(a.custom_attributes))
        assert(omneo.json.encode(b.custom_attributes) == expected, omneo.json.encode(b.custom_attributes))
        assert(type(c.custom_attributes) == "table" and next(c.custom_attributes) == nil)
        for p in omneo.profiles.each{} do assert(type(p.custom_attributes) == "table") end
        assert(a.custom_attributes.loyalty.lifetime_spend == "120.00")
        assert(omneo.profiles.attribute(a, "loyalty", "lifetime_spend") == "120.00")
        assert(omneo.profiles.attribute(b, "prefs", "opted_in") == false)
        assert(omneo.profiles.attribute(c, "loyalty", "lifetime_spend") == nil)
        assert(omneo.profiles.attribute(a, "loyalty", "points") == nil and omneo.profiles.attribute(a, "points", "x") == nil)
        local listed = { custom_attributes = { { namespace = "loyalty", handle = "lifetime_spend", type = "decimal", value = "9" } } }
        assert(omneo.profiles.attribute(listed, "loyalty", "lifetime_spend") == "9")
        assert(omneo.profiles.attribute({}, "loyalty", "lifetime_spend") == nil)
        """

    @Test(arguments: AttributeShape.allCases) func bothShapesReadAlike(_ shape: AttributeShape) async throws {
        let tenant = try await TenantFixture(seed: Self.seed, attributes: shape)
        let run = try await tenant.run("recipe.lua", source: Self.reads)
        #expect(run.outcome == .finished, "\(shape): \(run.outcome)")
        await tenant.close()
    }

    @Test func misuseRaisesAtTheRecipesLine() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: """
            local a = omneo.profiles.get("a")
            local spend = omneo.profiles.attribute(a, "loyalty")
            """)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch)
            == "DIR/recipe.lua:2: bad argument #3 to 'omneo.profiles.attribute' (string expected, got nil)")
        await tenant.close()
    }

    /// A dry run's planned profile is shown as a written one would be.
    @Test func aPlannedUpdateHasTheSameShape() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, attributes: .array)
        let run = try await tenant.run("recipe.lua", source: """
            local u = assert(omneo.profiles.update("b", { first_name = "B" }))
            assert(u.dry_run and u.first_name == "B")
            assert(omneo.profiles.attribute(u, "social", "followers") == "5000" and u.custom_attributes.social.followers == "5000")
            """, dryRun: true)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    /// Writes are not converted: the documented list goes as given, and the keyed shape is refused before sending.
    @Test func writesSendWhatTheRecipeGave() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, attributes: .array)
        let run = try await tenant.run("recipe.lua", source: """
            local list = { { namespace = "loyalty", handle = "lifetime_spend", type = "decimal", value = "300.00" } }
            local u = assert(omneo.profiles.update("c", { custom_attributes = list }, { replace_custom_attributes = true }))
            assert(omneo.profiles.attribute(u, "loyalty", "lifetime_spend") == "300.00")
            local a = omneo.profiles.get("a")
            local none, err = omneo.profiles.update("a", { custom_attributes = a.custom_attributes }, { replace_custom_attributes = true })
            assert(none == nil, "the keyed shape was sent")
            omneo.log.info("%s", err)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(run.log.contains("info: custom_attributes: The custom_attributes must be an array of {namespace, handle, type, value}."), "\(run.log)")
        guard case .live(let c) = await tenant.server.store.inspect(profileID: "c") else { return }
        #expect(c["custom_attributes"] == [["namespace": "loyalty", "handle": "lifetime_spend", "type": "decimal", "value": "300.00"]])
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == 1)
        await tenant.close()
    }
}
