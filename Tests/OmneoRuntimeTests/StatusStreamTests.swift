// omneo.profile_statuses.adder/remover: ids handed over as the recipe finds them, each chunk sent while
// the reading goes on, the rest when the stream ends; an unended stream fails the run at its line.
import OmneoModel
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct StatusStreamTests {
    static let source = """
        local s = omneo.profile_statuses.adder({ "influencer" }, { chunk = 50 })
        for p in omneo.profiles.each{} do s:push(p.id); s:push({ p.id }) end
        local r = s:wait(60)
        """

    @Test func eachChunkGoesOutWhileTheRecipeReads() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let before = try await tenant.snapshot()
        let run = try await tenant.run("recipe.lua", source: Self.source + """

            assert(r.done and r.succeeded == 250 and r.failed == 0, omneo.json.encode(r))
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        let changed = changes(before, try await tenant.snapshot())
        #expect(changed.count == 250 && changed.values.allSatisfy { $0.added == ["influencer"] && $0.removed.isEmpty })
        let log = tenant.server.requestLog.entries()
        #expect(log.count { $0.endpoint == "POST /v3/profile/status/batch.json" } == 5, "250 distinct ids in chunks of 50")
        let firstBatch = try #require(log.first { $0.endpoint == "POST /v3/profile/status/batch.json" }?.sequence)
        let lastPage = try #require(log.last { $0.endpoint == "GET /v3/profiles" }?.sequence)
        #expect(firstBatch < lastPage, "the first chunk waited for the end of the reading")
        await tenant.close()
    }

    /// A run that died after its stream's chunks went out: the resumed attempt pushes the same ids in the
    /// same order, so it cuts the same chunks and sends none again; undo takes the handle back from all.
    @Test func aResumedStreamSendsNoChunkTwiceAndUndoTakesItBack() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let before = try await tenant.snapshot()
        let first = try RunJournalTests.journal()
        _ = try RunJournalTests.dies(await tenant.run("recipe.lua", source: Self.source + "\nerror('died here')\n", journal: first))
        let writesBefore = tenant.writes
        let second = try RunJournalTests.journal(first.runID, earlierOf: first.journal)
        let resumed = try await tenant.run("recipe.lua", source: Self.source, journal: second)
        #expect(resumed.outcome == .finished, "\(resumed.outcome)")
        #expect(tenant.writes == writesBefore, "the resumed attempt sent \(tenant.writes - writesBefore) writes")
        let result = try await RunJournalTests.undo(first.runID, in: first.journal, tenant: tenant)
        #expect(result.failures.isEmpty)
        #expect(try await tenant.snapshot() == before)
        await tenant.close()
    }

    @Test func aDryRunPlansWhatWasPushedAndSendsNothing() async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await tenant.run("recipe.lua", source: Self.source + """

            local n = 0
            for _ in pairs(r.would_add) do n = n + 1 end
            assert(r.dry_run and n == 250, omneo.json.encode(r))
            """, dryRun: true)
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(tenant.server.requestLog.writeCount == 0)
        await tenant.close()
    }

    @Test(arguments: [
        ("omneo.profile_statuses.adder('vpi')", "DIR/recipe.lua:1: unknown status 'vpi' (did you mean 'vip'?)"),
        ("omneo.profile_statuses.remover({'vip'}, {chunk = 600})", "DIR/recipe.lua:1: chunk must be between 1 and 500, got 600"),
        ("local s = omneo.profile_statuses.adder('vip')\ns:push(42)", "DIR/recipe.lua:2: push: a profile id or a list of them expected, got number"),
        ("local s = omneo.profile_statuses.adder('vip')\ns:push({'p1', 7})", "DIR/recipe.lua:2: push: profile id 2 is not a string"),
        ("local s = omneo.profile_statuses.adder('vip')\ns:wait()\ns:push('p1')", "DIR/recipe.lua:3: this stream has ended: push before :wait()"),
        ("local s = omneo.profile_statuses.adder('media')\ns:push('p1')",
         "DIR/recipe.lua:1: a status stream opened here was never ended with :wait() (or :finish()): the ids pushed after its last full chunk were not sent; the chunks sent are journaled"),
    ])
    func misuseIsNamedAtTheRecipesLine(source: String, message: String) async throws {
        let tenant = try await TenantFixture(seed: TenantAPITests.seed)
        let run = try await tenant.run("recipe.lua", source: source)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch) == message)
        #expect(tenant.server.requestLog.writeCount == 0)
        await tenant.close()
    }
}
