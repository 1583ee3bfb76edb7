// omneo.profile_tags through the runtime against the sandbox: merge and check, the concurrent writer
// (`rival_tags`), the bounded retries, normalisation, dry run, resume and undo with their journal.
@testable import OmneoSession
import Foundation
import OmneoJournal
import OmneoModel
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct ProfileTagsTests {
    static let seed: TenantSeed = {
        var profiles: [[String: JSONValue]] = (1...6).map { n in
            ["id": .string("p\(n)"), "email": .string("person\(n)@example.com"), "statuses": []]
        }
        profiles[0]["tags"] = ["vip-2024", "mobile-app"]
        profiles[1]["tags"] = ["mobile-app"]
        return TenantSeed(statuses: [StatusDefinition(id: 1, handle: "vip", name: "Vip")], profiles: profiles)
    }()

    func tags(_ tenant: TenantFixture, _ id: String) async -> [String] { await tenant.server.store.tags(ofProfile: id) ?? [] }

    func puts(_ tenant: TenantFixture) -> Int { tenant.server.requestLog.countsByEndpoint.filter { $0.key.hasPrefix("PUT ") }.values.reduce(0, +) }

    @Test func addKeepsEveryOtherTagAndSkipsProfilesThatHaveIt() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("add.lua", source: """
            local r = assert(omneo.profile_tags.add({"p1", "p2", "p3", "p1"}, "mobile-app"))
            assert(r.by_id.p1.outcome == "already_present" and r.by_id.p2.outcome == "already_present", r.by_id.p1.outcome)
            assert(r.by_id.p3.outcome == "added" and r.by_id.p3.tags[1] == "mobile-app")
            assert(#r.profiles == 3 and r.succeeded == 3 and r.failed == 0 and r.counts.added == 1)
            local again = assert(omneo.profile_tags.add("p1", {"christmas-2024"}):wait())
            assert(again.by_id.p1.outcome == "added", again.by_id.p1.outcome)
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(await tags(tenant, "p1") == ["vip-2024", "mobile-app", "christmas-2024"])
        #expect(await tags(tenant, "p3") == ["mobile-app"])
        #expect(puts(tenant) == 2)
        await tenant.close()
    }

    @Test func removeTakesOnlyTheTagsNamed() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("remove.lua", source: """
            local r = assert(omneo.profile_tags.remove({"p1", "p3"}, {"mobile-app"}))
            assert(r.by_id.p1.outcome == "removed" and r.by_id.p3.outcome == "not_present")
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(await tags(tenant, "p1") == ["vip-2024"])
        await tenant.close()
    }

    @Test func aConcurrentWritersTagSurvivesAndOursIsThereToo() async throws {
        // The rival writer adds `rival-1` right after the first read of each profile: between our read and
        // our PUT. The read before the PUT sees it, the merge is done again, and nothing is lost.
        let tenant = try await TenantFixture(seed: Self.seed, faults: "rival_tags=1")
        let run = try await tenant.run("rival.lua", source: """
            local r = assert(omneo.profile_tags.add({"p1", "p2"}, "christmas-2024"))
            assert(r.by_id.p1.outcome == "added" and r.by_id.p1.tries == 2, r.by_id.p1.outcome .. " " .. r.by_id.p1.tries)
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(await tags(tenant, "p1") == ["vip-2024", "mobile-app", "rival-1", "christmas-2024"])
        #expect(await tags(tenant, "p2") == ["mobile-app", "rival-1", "christmas-2024"])
        #expect(puts(tenant) == 2, "one PUT a profile: none went over the rival's change")
        await tenant.close()
    }

    @Test func aProfileChangedOnEveryTryIsAConflictAndNotWritten() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, faults: "rival_tags=50")
        let run = try await tenant.run("conflict.lua", source: """
            local r = assert(omneo.profile_tags.add({"p2"}, "christmas-2024"))
            local e = r.by_id.p2
            assert(e.outcome == "conflict" and e.tries == 3 and r.failed == 1, e.outcome)
            assert(e.error:find("changed by someone else on each of 3 tries", 1, true), e.error)
            omneo.report.row{ profile_id = "p2", key = "p2", outcome = e.outcome, detail = e.error }
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(puts(tenant) == 0)
        #expect(await tags(tenant, "p2").contains("christmas-2024") == false)
        #expect(run.counts["conflict"] == 1)
        await tenant.close()
    }

    @Test func tagsAreSentAsTheTenantKeepsThemWithAWarning() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("spaces.lua", source: """
            local r = assert(omneo.profile_tags.add({"p3"}, {"christmas campaign", "VIP"}))
            assert(r.tags[1] == "christmas-campaign" and r.tags[2] == "VIP")
            assert(r.warnings[1] == "tag 'christmas campaign' is sent as 'christmas-campaign': the tenant turns spaces into hyphens")
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(run.log.contains("warn: tag 'christmas campaign' is sent as 'christmas-campaign': the tenant turns spaces into hyphens"), "\(run.log)")
        #expect(await tags(tenant, "p3") == ["christmas-campaign", "VIP"])
        await tenant.close()
    }

    @Test func aTagTheTenantDropsIsAFailureNamingIt() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, faults: "drop_new_tags")
        let run = try await tenant.run("dropped.lua", source: """
            local r = assert(omneo.profile_tags.add({"p2"}, {"brand-new"}))
            assert(r.by_id.p2.outcome == "failed", r.by_id.p2.outcome)
            assert(r.by_id.p2.error:find("the tenant did not keep 'brand-new'", 1, true), r.by_id.p2.error)
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        await tenant.close()
    }

    @Test func aDryRunReadsAndPlansAndSendsNoPut() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("dry.lua", source: """
            local r = assert(omneo.profile_tags.add({"p1", "p3"}, "mobile-app"))
            assert(r.dry_run and r.by_id.p3.outcome == "would_add" and r.by_id.p1.outcome == "already_present")
            local gone = assert(omneo.profile_tags.remove({"p1"}, "vip-2024"))
            assert(gone.by_id.p1.outcome == "would_remove")
            """, dryRun: true)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(puts(tenant) == 0 && tenant.writes == 0)
        #expect(run.result.summary.plan.contains("tags: would add 'mobile-app' to 1 profile"), "\(run.result.summary.plan)")
        await tenant.close()
    }

    @Test func misuseIsRaisedAtTheRecipesLine() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        for (source, message) in [
            ("omneo.profile_tags.add({\"p1\"}, {})", "a tag or a list of tags expected"),
            ("omneo.profile_tags.add({\"p1\"}, {\" \"})", "tag 1 is empty"),
            ("omneo.profile_tags.add(42, \"x\")", "a profile id or a list of them expected, got number"),
            ("omneo.profile_tags.remove({\"p1\"}, \"x\", { chunk = 5 })", "unknown option 'chunk'"),
        ] {
            let run = try await tenant.run("misuse.lua", source: "local x = 1\n" + source)
            guard case .failed(let error, _) = run.outcome else {
                Issue.record("\(source) did not fail")
                continue
            }
            #expect("\(error)".contains("misuse.lua:2:") && "\(error)".contains(message), "\(error)")
        }
        await tenant.close()
    }

    @Test func theTenantsTagsAreListed() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("list.lua", source: """
            local all = assert(omneo.tags.list())
            assert(#all == 2 and all[1] == "vip-2024" and all[2] == "mobile-app", #all)
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        await tenant.close()
    }

    @Test func undoPutsBackTheExactListWhileATagAddedMeanwhileSurvives() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let journal = try RunJournalTests.journal()
        let run = try await tenant.run("change.lua", source: """
            assert(omneo.profile_tags.add({"p1", "p2"}, "christmas-2024").failed == 0)
            assert(omneo.profile_tags.remove({"p1"}, "vip-2024").failed == 0)
            """, journal: journal)
        #expect(run.outcome == .finished, "\(run.log)")
        #expect(await tags(tenant, "p1") == ["mobile-app", "christmas-2024"])
        #expect(try journal.journal.tagBefores(runID: journal.runID) == ["p1": ["vip-2024", "mobile-app"], "p2": ["mobile-app"]])
        let writes = try journal.journal.writes(runID: journal.runID)
        #expect(writes.map(\.operation) == [.tags, .tags, .tags] && writes.allSatisfy { $0.state == .finished })
        #expect(writes.map(\.change).contains("tags of profile p1: remove 'vip-2024'"), "\(writes.map(\.change))")
        // Someone else tags p2 after the run.
        _ = try await tenant.client.replaceTags(id: "p2", ["mobile-app", "christmas-2024", "theirs"])
        let result = try await RunJournalTests.undo(journal.runID, in: journal.journal, tenant: tenant)
        #expect(result.failures.isEmpty)
        #expect(result.tagsRemoved["p1"] == ["christmas-2024"] && result.tagsReadded["p1"] == ["vip-2024"])
        #expect(await tags(tenant, "p1") == ["vip-2024", "mobile-app"], "exactly as before, in its order")
        #expect(await tags(tenant, "p2") == ["mobile-app", "theirs"])
        await tenant.close()
    }

    @Test func aResumedRunSendsNoTagPutTwiceAndReportsWhatTheFirstAttemptDid() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let first = try RunJournalTests.journal()
        let body = """
            local r = assert(omneo.profile_tags.add({"p2", "p3"}, "christmas-2024"))
            for _, e in ipairs(r.profiles) do omneo.report.row{ key = e.profile_id, profile_id = e.profile_id, outcome = e.outcome } end
            """
        _ = try RunJournalTests.dies(await tenant.run("tag.lua", source: body + "\nerror('died here')\n", journal: first))
        #expect(puts(tenant) == 2)
        let resumed = try await tenant.run("tag.lua", source: body, journal: try RunJournalTests.journal(first.runID, earlierOf: first.journal))
        #expect(resumed.outcome == .finished, "\(resumed.log)")
        #expect(puts(tenant) == 2, "no PUT sent again")
        #expect(resumed.counts["added"] == 2, "\(resumed.counts)")
        // Undo after the resume still takes the first attempt's change back.
        _ = try await RunJournalTests.undo(first.runID, in: first.journal, tenant: tenant)
        let p2 = await tags(tenant, "p2"), p3 = await tags(tenant, "p3")
        #expect(p2 == ["mobile-app"] && p3.isEmpty)
        await tenant.close()
    }
}

@Suite struct ProfileTagsLostAnswerTests {
    @Test func aPutWhoseAnswerWasLostIsReadBackNotSentAgain() async throws {
        // One request at a time, so the seeded fault draws fall on the same requests every time.
        let seed = TenantSeed(statuses: [], profiles: (1...8).map { ["id": .string("p\($0)"), "email": .string("person\($0)@example.com")] })
        let tenant = try await TenantFixture(seed: seed, faults: "lost=30%")
        let journal = try RunJournalTests.journal()
        let run = try await tenant.run("lost.lua", source: """
            local ids = {}
            for n = 1, 8 do ids[n] = "p" .. n end
            local r = assert(omneo.profile_tags.add(ids, "xmas"))
            assert(r.counts.added == 8, tostring(r.counts.added))
            """, journal: journal, concurrency: 1)
        #expect(run.outcome == .finished, "\(run.log)")
        let puts = tenant.server.requestLog.entries().filter { $0.method == "PUT" }
        #expect(puts.contains { $0.fault == "lost" }, "no PUT answer was lost: the test proves nothing")
        #expect(puts.count == 8, "a lost answer is read back: the PUT had applied, so it is not sent again")
        for n in 1...8 {
            #expect((await tenant.server.store.tags(ofProfile: "p\(n)") ?? []).filter { $0 == "xmas" }.count == 1)
        }
        let writes = try journal.journal.writes(runID: journal.runID)
        #expect(writes.count == 8 && writes.allSatisfy { $0.state == .finished }, "\(writes.map(\.state))")
        await tenant.close()
    }
}

@Suite struct ProfileTagsReadBackTests {
    @Test func anAnswerWithoutTagsIsReadBackToCheckWhatWasKept() async throws {
        let tenant = try await TenantFixture(seed: ProfileTagsTests.seed, faults: "put_omits_tags")
        let run = try await tenant.run("omits.lua", source: """
            local r = assert(omneo.profile_tags.add({"p1", "p2"}, "xmas"))
            assert(r.counts.added == 2 and r.by_id.p1.tags[3] == "xmas", tostring(r.counts.added))
            """)
        #expect(run.outcome == .finished, "\(run.log)")
        // Per profile: the read, the read before the PUT, the PUT, and the read back its answer called for.
        let requests = tenant.server.requestLog.entries().filter { $0.target.contains("/profiles/p1") }.map(\.method)
        #expect(requests == ["GET", "GET", "PUT", "GET"], "\(requests)")
        await tenant.close()
    }

    @Test func anUndoDryRunSaysWhatItWouldPutBackAndSendsNothing() async throws {
        let tenant = try await TenantFixture(seed: ProfileTagsTests.seed)
        let journal = try RunJournalTests.journal()
        let run = try await tenant.run("change.lua", source: """
            assert(omneo.profile_tags.add({"p1"}, "xmas").failed == 0)
            assert(omneo.profile_tags.remove({"p2"}, "mobile-app").failed == 0)
            """, journal: journal)
        #expect(run.outcome == .finished, "\(run.log)")
        let writes = tenant.writes
        let undoID = UUID().uuidString
        try journal.journal.begin(RunStart(id: undoID, tenant: RunJournalTests.identity, recipePath: "undo", recipeText: []))
        var settings = RunUndo.Settings()
        settings.dryRun = true
        let result = try await RunUndo.execute(
            of: journal.runID, journal: RunJournal(journal: journal.journal, runID: undoID, tenant: RunJournalTests.identity, cacheTTL: 0),
            client: tenant.client, settings: settings, report: RunReport(path: nil, dryRun: true))
        #expect(result.tagsRemoved == ["p1": ["xmas"]] && result.tagsReadded == ["p2": ["mobile-app"]])
        #expect(tenant.writes == writes)
        #expect(await tenant.server.store.tags(ofProfile: "p2") == [])
        await tenant.close()
    }
}
