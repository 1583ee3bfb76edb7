// omneo.profile_identities against a sandbox tenant over real HTTP: one identity changed through its own
// endpoint, the others kept; never a second identity with one handle, though the tenant would take it.
import OmneoModel
import Foundation
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct IdentityWriteTests {
    static func identities(_ tenant: TenantFixture, _ id: String) async -> [String] {
        guard case .live(let profile) = await tenant.server.store.inspect(profileID: id) else { return ["absent"] }
        return (profile["identities"]?.arrayValue ?? []).map { "\($0["handle"]?.stringValue ?? "?")=\($0["identifier"]?.stringValue ?? "?")" }
    }

    @Test func addChangesOrAddsOneIdentityAndKeepsTheOthers() async throws {
        let tenant = try await TenantFixture(seed: IdentityResolveTests.seed)
        let run = try await tenant.run("recipe.lua", source: """
            assert(omneo.profile_identities.add("p1", { handle = "shopify", identifier = "2001" }) == "updated")
            assert(omneo.profile_identities.add("p1", { handle = "shopify", identifier = " 2001 " }) == "already_present")
            assert(omneo.profile_identities.add("p5", { handle = "pos", identifier = 77 }) == "added")
            assert(omneo.profile_identities.remove("p5", "loyalty") == "removed")
            assert(omneo.profile_identities.remove("p5", "loyalty") == "not_present")
            local none, err = omneo.profile_identities.add("ghost", { handle = "shopify", identifier = "1" })
            assert(none == nil and err == "not_found", err)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        // The sandbox would add a second shopify identity on a POST (`repeatedIdentity = .added`): a PUT changed it.
        #expect(await Self.identities(tenant, "p1") == ["shopify=2001"])
        #expect(await Self.identities(tenant, "p5") == ["shopify=1005", "pos=77"])
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == nil, "never the profile PUT that replaces the list")
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}/identities/{handle}"] == 1)
        #expect(tenant.server.requestLog.countsByEndpoint["POST /v3/profiles/{id}/identities"] == 1)
        #expect(tenant.server.requestLog.countsByEndpoint["DELETE /v3/profiles/{id}/identities/{handle}"] == 1)
        await tenant.close()
    }

    @Test func aDryRunReadsAndSendsNothing() async throws {
        let tenant = try await TenantFixture(seed: IdentityResolveTests.seed)
        let run = try await tenant.run("recipe.lua", source: """
            assert(omneo.profile_identities.add("p1", { handle = "shopify", identifier = "2001" }) == "would_update")
            assert(omneo.profile_identities.add("p2", { handle = "pos", identifier = "9" }) == "would_add")
            assert(omneo.profile_identities.remove("p5", "loyalty") == "would_remove")
            """, dryRun: true)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test(arguments: [
        (#"omneo.profile_identities.add("p1", { handle = "shopify" })"#,
         "DIR/recipe.lua:1: bad argument #2 to 'omneo.profile_identities.add' (identifier must be a non-empty string or a whole number, got nil)"),
        (#"omneo.profile_identities.add("p1", { identifier = "1" })"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profile_identities.add' (handle must be an identity handle such as "shopify", got nil)"#),
        (#"omneo.profile_identities.add("p1", { handle = "shop ify", identifier = "1" })"#,
         #"DIR/recipe.lua:1: bad argument #2 to 'omneo.profile_identities.add' (an identity handle has no spaces or slashes: "shop ify")"#),
        (#"omneo.profile_identities.remove("", "shopify")"#,
         "DIR/recipe.lua:1: bad argument #1 to 'omneo.profile_identities.remove' (profile id expected, got an empty string)"),
    ])
    func misuseRaisesAtTheRecipesLineAndSendsNothing(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: IdentityResolveTests.seed)
        let run = try await tenant.run("recipe.lua", source: source)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == message)
        #expect(tenant.writes == 0)
        await tenant.close()
    }
}
