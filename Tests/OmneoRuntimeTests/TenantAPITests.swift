// The omneo API bound into Lua, against a sandbox tenant over real HTTP.
import OmneoModel
import Foundation
import OmneoClient
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct TenantAPITests {
    static let seed: TenantSeed = {
        let statuses = ["vip", "staff", "influencer", "media"].enumerated().map { StatusDefinition(id: $0 + 1, handle: $1, name: $1.capitalized) }
        var profiles: [[String: JSONValue]] = (1...250).map { n in
            ["id": .string("p\(n)"), "email": .string("person\(n)@example.com"), "statuses": n <= 120 ? ["vip"] : []]
        }
        profiles[1]["email"] = "twin@example.com"
        profiles[2]["email"] = "TWIN@example.com"
        profiles[0]["statuses"] = ["vip", "staff"]
        return TenantSeed(statuses: statuses, profiles: profiles)
    }()

    func run(_ source: String, dryRun: Bool = false, in tenant: TenantFixture) async throws -> TenantRun {
        try await tenant.run("recipe.lua", source: source, dryRun: dryRun)
    }

    @Test func statusesListGetAndRequire() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run("""
            assert(#omneo.statuses.list() == 4)
            assert(omneo.statuses.get("vip").name == "Vip")
            local none, err = omneo.statuses.get("vpi")
            assert(none == nil and err == "unknown status 'vpi' (did you mean 'vip'?)", err)
            omneo.statuses.require("vip", "staff")
            omneo.statuses.require("vip", "stuff")
            """, in: tenant)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == "DIR/recipe.lua:6: unknown status 'stuff' (did you mean 'staff'?)")
        #expect(tenant.server.requestLog.countsByEndpoint["GET /v3/statuses"] == 1, "definitions are fetched once per run")
        await tenant.close()
    }

    @Test func profilesGetFindFindOneAndEach() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run("""
            assert(omneo.profiles.get("p1").email == "person1@example.com")
            local missing, err = omneo.profiles.get("nope")
            assert(missing == nil and err == "not_found", err)
            assert(#omneo.profiles.find{ email = "twin@example.com" } == 2)
            local one, why = omneo.profiles.find_one{ email = "twin@example.com" }
            assert(one == nil and why == "ambiguous", why)
            local _, none = omneo.profiles.find_one{ email = "nobody@example.com" }
            assert(none == "not_found")
            local count = 0
            for p in omneo.profiles.each{ ["statuses.handle"] = "vip" } do count = count + 1 end
            assert(count == 120, count)
            local ok, message = pcall(omneo.profiles.find, { emial = "x@example.com" })
            assert(ok and message == nil or not ok, "an unknown filter is not silently ignored")
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.server.requestLog.countsByEndpoint["GET /v3/profiles"] == 3 + 2 + 1)
        await tenant.close()
    }

    @Test func resolveGivesEveryRowOneOutcome() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run("""
            local r = omneo.profiles.resolve{ " Person5@Example.com ", "twin@example.com", "nobody@example.com", "bad", "person5@example.com" }
            assert(#r.ids == 1 and r.ids[1] == "p5" and r.by_email["person5@example.com"] == "p5")
            assert(#r.missing == 1 and #r.ambiguous == 1 and #r.invalid == 1)
            local outcomes = {}
            for i, row in ipairs(r.rows) do outcomes[i] = row.outcome end
            assert(table.concat(outcomes, ",") == "found,ambiguous,missing,invalid,duplicate", table.concat(outcomes, ","))
            assert(r.rows[5].duplicate_of == 1 and r.rows[5].id == "p5")
            assert(r.statuses["p5"][1] == "vip")
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    @Test func addDeduplicatesChunksAndWaits() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run("""
            local ids = {}
            for i = 1, 250 do ids[#ids + 1] = "p" .. i end
            ids[#ids + 1] = "p1"
            local job = omneo.profile_statuses.add(ids, {"media"}, {chunk = 100})
            assert(#job.batch_ids == 3 and #job.entries == 250, #job.batch_ids)
            local r = job:wait(30)
            assert(r.done and r.succeeded == 250 and r.failed == 0, r.failed)
            local ghost = omneo.profile_statuses.add{ {profile_id = "ghost", statuses = {"media"}} }:wait()
            assert(ghost.failed == 1 and ghost.failures[1].profile_id == "ghost" and ghost.failures[1].error == "Profile not found.")
            """, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(await tenant.server.store.statuses(ofProfile: "p1") == ["vip", "staff", "media"])
        #expect(tenant.server.requestLog.countsByEndpoint["POST /v3/profile/status/batch.json"] == 4)
        await tenant.close()
    }

    @Test func setConvergesThroughAddAndRemove() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run(#"omneo.profile_statuses.set("p1", {"vip", "influencer"}):wait()"#, in: tenant)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(Set(await tenant.server.store.statuses(ofProfile: "p1") ?? []) == ["vip", "influencer"])
        #expect(tenant.server.requestLog.countsByEndpoint["PUT /v3/profiles/{id}"] == nil)
        #expect(tenant.server.requestLog.countsByEndpoint["DELETE /v3/profile/status/batch.json"] == 1)
        await tenant.close()
    }

    @Test(arguments: [
        (#"omneo.profile_statuses.add({"p1"}, {"vpi"})"#, "DIR/recipe.lua:1: unknown status 'vpi' (did you mean 'vip'?)"),
        (#"omneo.profile_statuses.add({"p1"}, {"vip"}, {chunk = 501})"#, "DIR/recipe.lua:1: chunk must be between 1 and 500, got 501"),
        (#"omneo.profile_statuses.remove("p1", {"vip"})"#, "DIR/recipe.lua:1: bad argument #1 to 'omneo.profile_statuses.remove' (table expected, got string)"),
        (#"omneo.report.row("a", "addded")"#, "DIR/recipe.lua:1: bad argument #2 to 'omneo.report.row' (unknown outcome 'addded' (did you mean 'added'?); one of added, already_present, removed, ensured, not_found, ambiguous, invalid, failed, skipped, would_add, would_remove, created, updated, would_create, would_update, not_present, conflict)"),
    ])
    func misuseRaisesAtTheRecipesLineAndSendsNoWrite(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await self.run(source, in: tenant)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == message)
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test func twelveHundredThreeEmailsBecomeFiveChunks() async throws {
        let tenant = try await TenantFixture()
        var seen = Set<String>()
        var emails: [String] = []
        for profile in tenant.server.configuration.seed.profiles {
            guard let email = profile["email"]?.stringValue?.trimmingCharacters(in: .whitespaces).lowercased(),
                  !(profile["statuses"]?.arrayValue ?? []).contains("partner"), seen.insert(email).inserted,
                  await tenant.server.store.profileIDs(email: email).count == 1
            else { continue }
            emails.append(email)
            if emails.count == 1203 { break }
        }
        try tenant.scratch.write("emails.csv", "email\n" + emails.joined(separator: "\n") + "\n")
        let run = try await tenant.run("recipe.lua", source: #"require("omneo.assign")("emails.csv", "partner")"#)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(run.counts["added"] == 1203)
        #expect(tenant.server.requestLog.countsByEndpoint["POST /v3/profile/status/batch.json"] == 5)
        await tenant.close()
    }

    @Test func failedItemsAreFailedRows() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, faults: "item_fail=100%")
        try tenant.scratch.write("list.csv", "email\nperson130@example.com\n")
        let run = try await tenant.run("recipe.lua", source: #"require("omneo.assign")("list.csv", "media")"#)
        #expect(run.outcome == .finished)
        #expect(run.result.summary.failedRows == 1)
        #expect(run.reportRows.first?[4] == "failed")
        #expect(run.reportRows.first?[6] == "row 2: Internal error processing item.")
        await tenant.close()
    }

    @Test func aRejectedTokenStopsTheRunAsRefused() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let wrong = OmneoClient(tenant: TenantConfiguration(name: "sandbox", baseURL: tenant.server.baseURL, token: Secret("nope")), logger: .init(label: "t"))
        var options = RecipeOptions(recipePath: try tenant.scratch.write("recipe.lua", "omneo.statuses.list()\nerror('not reached')"))
        options.client = wrong
        let result = await RecipeRunner.execute(options)
        #expect(result.outcome == .refused(message: "the token for tenant sandbox was rejected (401 Unauthenticated)"))
        await wrong.shutdown()
        await tenant.close()
    }

    @Test func withoutATenantTheCallSaysHowToGetOne() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("omneo.statuses.list()")
        #expect(RecipeFixture.message(outcome, in: fixture)
            == "DIR/recipe.lua:1: omneo.statuses.list: this run has no tenant: pass --tenant NAME (see `omneo-run tenants`) or --sandbox")
        guard case .unusable = outcome else {
            Issue.record("expected a usage error, got \(outcome)")
            return
        }
    }
}
