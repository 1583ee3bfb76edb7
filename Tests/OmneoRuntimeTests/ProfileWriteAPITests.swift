// omneo.profiles create/update/upsert/delete/purge against a sandbox tenant over real HTTP.
import Foundation
import OmneoClient
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct ProfileWriteAPITests {
    func run(_ source: String, dryRun: Bool = false, allowPurge: Bool = false, in tenant: TenantFixture) async throws -> TenantRun {
        try await tenant.run("recipe.lua", source: source, dryRun: dryRun, allowPurge: allowPurge)
    }

    func field(_ tenant: TenantFixture, _ id: String, _ name: String) async -> String? {
        guard case .live(let profile) = await tenant.server.store.inspect(profileID: id) else { return nil }
        return profile[name]?.stringValue
    }

    @Test func upsertCreatesAndUpdatesAndLeavesStatusesAlone() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local job = omneo.profiles.upsert({
              { email = "Person1@Example.com", first_name = "Ann" },
              { email = "new1@example.com", first_name = "New" },
              { email = "person5@example.com", last_name = "Five" },
              { email = "new2@example.com", gender = "female", birth_day = 3 },
            }, { match = "email", chunk = 2 })
            assert(#job.batch_ids == 2, #job.batch_ids)
            local r = job:wait(30)
            assert(r.done and r.succeeded == 4 and r.failed == 0, r.failed)
            assert(#r.created == 2 and #r.updated == 2, #r.created)
            assert(r.updated[1] == "p1" and r.updated[2] == "p5")
            assert(r.rows[1].outcome == "updated" and r.rows[2].outcome == "created" and r.rows[2].id == r.created[1])
            local p = assert(omneo.profiles.update("p3", { last_name = "Three" }))
            assert(p.last_name == "Three" and p.statuses[1] == "vip")
            local c = assert(omneo.profiles.create{ email = "made@example.com", first_name = "Made" })
            assert(c.id and c.email == "made@example.com")
            assert(omneo.profiles.delete("p4") == true)
            local gone, err = omneo.profiles.delete("nope")
            assert(gone == nil and err == "not_found", err)
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(await tenant.server.store.statuses(ofProfile: "p1") == ["vip", "staff"])
        #expect(await tenant.server.store.statuses(ofProfile: "p5") == ["vip"])
        #expect(await field(tenant, "p5", "last_name") == "Five")
        #expect(await tenant.server.store.statuses(ofProfile: "p3") == ["vip"])
        #expect(await field(tenant, "p1", "first_name") == "Ann")
        #expect(await field(tenant, "p3", "last_name") == "Three")
        #expect(await tenant.server.store.profileIDs(email: "new1@example.com").count == 1)
        #expect(await tenant.server.store.profileIDs(email: "made@example.com").count == 1)
        if case .deleted = await tenant.server.store.inspect(profileID: "p4") {} else { Issue.record("p4 was not deleted") }
        #expect(tenant.server.requestLog.countsByEndpoint["POST /v3/profiles/batch"] == 2)
        await tenant.close()
    }

    @Test func upsertMatchesByIdentityHandle() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local shop = assert(omneo.profiles.create{ email = "shop@example.com", identities = {{ handle = "shopify", identifier = "S-1" }} })
            local r = omneo.profiles.upsert({
              { first_name = "Shop", identities = {{ handle = "shopify", identifier = "S-1" }} },
              { email = "other@example.com", identities = {{ handle = "shopify", identifier = "S-2" }} },
              { email = "other@example.com", identities = {{ handle = "shopify", identifier = "S-2" }}, last_name = "Again" },
              { email = "noid@example.com" },
            }, { match = "shopify", replace_identities = true }):wait(30)
            assert(r.updated[1] == shop.id and #r.created == 1 and #r.updated == 2, #r.updated)
            assert(r.rows[3].outcome == "updated" and r.rows[3].id == r.created[1])
            assert(r.failures[1].index == 4 and r.failures[1].error == "profiles.4.identities: The profiles.4.identities field is required when match_criteria is shopify.")
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    @Test(arguments: [
        (#"omneo.profiles.update("p1", { statuses = {"media"} })"#, "omneo.profiles.update: 'statuses' would replace"),
        (#"omneo.profiles.update("p1", { first_name = "A", tags = {"x"} })"#,
         "omneo.profiles.update: 'tags' would replace the profile's whole list of tags; add or remove tags with omneo.profile_tags.add/remove, or pass {replace_tags=true} to replace it on purpose"),
        (#"omneo.profiles.update("p1", { statuses = {"vip"}, tags = {"x"} }, { replace_statuses = true })"#, "omneo.profiles.update: 'tags' would replace"),
        (#"omneo.profiles.update("p1", { custom_attributes = { loyalty = { tier = "gold" } } })"#,
         "omneo.profiles.update: 'custom_attributes' would replace the profile's whole list of custom attributes; set or remove one attribute with omneo.profile_attributes.set/remove, or pass {replace_custom_attributes=true} to replace it on purpose"),
        (#"omneo.profiles.upsert({ {email = "a@example.com", identities = { {handle = "shopify", identifier = "1"} }} }, {match = "email"})"#,
         "omneo.profiles.upsert: 'identities' (profile 1) would replace the profile's whole list of identities; add or remove one identity with omneo.profile_identities.add/remove, or pass {replace_identities=true} to replace it on purpose"),
        (#"omneo.profiles.upsert({ {email = "person1@example.com"}, {email = "a@example.com", statuses = {"vip"}} }, {match = "email"})"#,
         "omneo.profiles.upsert: 'statuses' (profile 2) would replace"),
        (#"omneo.profiles.upsert({ {email = "a@example.com"} }, {})"#, "bad argument #2 to 'omneo.profiles.upsert' (match = \"email\" or an identity handle expected)"),
        (#"omneo.profiles.upsert({ {email = "a@example.com"} }, {match = "email", chunk = 501})"#, "chunk must be between 1 and 500, got 501"),
    ])
    func refusalsRaiseAtTheRecipesLineAndSendNothing(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("local x = 1\n" + source, in: tenant)
        let raised = RecipeFixture.message(run.outcome, in: tenant.scratch) ?? ""
        #expect(raised.hasPrefix("DIR/recipe.lua:2: " + message), "\(raised)")
        if message.contains("'statuses'") { #expect(raised.contains("omneo.profile_statuses") && raised.contains("{replace_statuses=true}")) }
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test func replaceStatusesReplacesTheSetOnPurpose() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local r = omneo.profiles.upsert({ {email = "person1@example.com", statuses = {"media"}} }, {match = "email", replace_statuses = true}):wait(30)
            assert(r.updated[1] == "p1", r.failed)
            local p = assert(omneo.profiles.update("p2", { statuses = {"staff"}, first_name = "Bo" }, { replace_statuses = true }))
            assert(p.first_name == "Bo" and #p.statuses == 1 and p.statuses[1] == "staff")
            local q = assert(omneo.profiles.update("p3", { statuses = {"vip", "media"} }, { replace_statuses = true }))
            assert(#q.statuses == 2, #q.statuses)
            local none, err = omneo.profiles.update("nope", { statuses = {"vip"} }, { replace_statuses = true })
            assert(none == nil and err == "not_found", err)
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(await tenant.server.store.statuses(ofProfile: "p1") == ["media"])
        #expect(await tenant.server.store.statuses(ofProfile: "p2") == ["staff"])
        #expect(await tenant.server.store.statuses(ofProfile: "p3") == ["vip", "media"])
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == 1, "one PUT, for first_name; statuses went through the status batches")
        await tenant.close()
    }

    /// Each list the tenant replaces is sent only when its own option names it; one option allows no other list.
    @Test func eachReplacedListIsSentOnlyWhenItsOptionNamesIt() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local attrs = { { namespace = "loyalty", handle = "tier", type = "string", value = "gold" } }
            local p = assert(omneo.profiles.update("p1", { custom_attributes = attrs }, { replace_custom_attributes = true }))
            assert(omneo.profiles.attribute(omneo.profiles.get("p1"), "loyalty", "tier") == "gold")
            local ids = { { handle = "shopify", identifier = "S-1" } }
            local r = omneo.profiles.upsert({ { email = "person5@example.com", identities = ids } }, { match = "email", replace_identities = true }):wait(30)
            assert(r.updated[1] == "p5", omneo.json.encode(r))
            local q = omneo.profiles.get("p5")
            assert(q.identities[1].handle == "shopify" and q.identities[1].identifier == "S-1", omneo.json.encode(q.identities))
            local ok, err = pcall(omneo.profiles.update, "p3", { custom_attributes = attrs }, { replace_identities = true })
            assert(not ok and err:find("replace_custom_attributes", 1, true), err)
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == 1)
        await tenant.close()
    }

    @Test func purgeWithoutTheFlagRaisesAndSendsNothing() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run(#"omneo.profiles.purge("p1")"#, in: tenant)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch)
            == "DIR/recipe.lua:1: omneo.profiles.purge erases a profile for good: run with --allow-purge to allow it (nothing was sent)")
        #expect(!tenant.server.requestLog.entries().contains { $0.endpoint.hasSuffix("/purge") })
        #expect(tenant.writes == 0)
        if case .live = await tenant.server.store.inspect(profileID: "p1") {} else { Issue.record("p1 is gone") }
        let allowed = try await self.run(#"assert(omneo.profiles.purge("p1") == true)"#, allowPurge: true, in: tenant)
        #expect(allowed.outcome == .finished, "\(allowed.outcome)")
        if case .absent = await tenant.server.store.inspect(profileID: "p1") {} else { Issue.record("p1 was not purged") }
        await tenant.close()
    }

    static func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: #"\n"#) }

    @Test func validationNamesTheRowAndField() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local job = omneo.profiles.upsert({
              { email = "ok@example.com" },
              { email = "not an email" },
              { email = "b@example.com", gender = "m", birth_month = 13 },
              { first_name = "No Email" },
            }, { match = "email" })
            assert(#job.invalid == 3 and job.invalid[1].index == 2, #job.invalid)
            local r = job:wait(30)
            assert(r.succeeded == 1 and r.failed == 3 and #r.created == 1)
            local errors = {}
            for _, f in ipairs(r.failures) do errors[#errors + 1] = f.index .. "=" .. f.error end
            omneo.log.info("%s", table.concat(errors, "\\n"))
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        // A log line stays one line: the recipe's line breaks show as \n (VisibleText).
        #expect(run.log.contains(Self.oneLine("""
            info: 2=profiles.2.email: The profiles.2.email must be a valid email address.
            3=profiles.3.gender: The selected profiles.3.gender is invalid (one of: male, female, other, withheld, witheld).; \
            profiles.3.birth_month: The profiles.3.birth_month must be between 1 and 12.
            4=profiles.4.email: The profiles.4.email field is required when match_criteria is email.
            """)), "\(run.log)")
        let single = try await self.run("""
            local p, err = omneo.profiles.create{ email = "x@", birth_year = 1800 }
            assert(p == nil)
            local dup, taken = omneo.profiles.create{ email = "person5@example.com" }
            assert(dup == nil)
            local u, bad = omneo.profiles.update("p1", { profile_type = "forever" })
            omneo.log.info("%s", err .. "\\n" .. taken .. "\\n" .. bad)
            """, in: tenant)
        #expect(single.log.contains(Self.oneLine("""
            info: email: The email must be a valid email address.; birth_year: The birth_year must be between 1900 and 2100.
            email: The email has already been taken.
            profile_type: The selected profile_type is invalid (one of: temporary, dependant, incomplete, pending, system, active, deleted).
            """)), "\(single.log)")
        #expect(tenant.server.requestLog.countsByEndpoint["POST /v3/profiles"] == 1, "only the duplicate reached the tenant (its 422, mapped)")
        await tenant.close()
    }

    @Test func dryRunSendsNothingAndPlansEveryWrite() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await self.run("""
            local r = omneo.profiles.upsert({ {email = "person1@example.com", first_name = "A"}, {email = "new@example.com"} }, {match = "email"}):wait()
            assert(r.dry_run and r.would_create == 1 and r.would_update == 1, r.would_create)
            assert(r.rows[1].outcome == "would_update" and r.rows[1].id == "p1" and r.rows[2].outcome == "would_create")
            assert(omneo.profiles.create{ email = "c@example.com" }.dry_run)
            assert(omneo.profiles.update("p2", { last_name = "L" }).last_name == "L")
            assert(omneo.profiles.delete("p3") == true and omneo.profiles.purge("p4") == true)
            """, dryRun: true, allowPurge: true, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.writes == 0)
        #expect(run.result.summary.plan == [
            "profiles: would create 2, update 2", "profiles: would delete 1: p3", "profiles: would purge (erase) 1: p4",
        ])
        await tenant.close()
    }
}
