// The runtime's side of the journal: what a run records before it writes, what undo puts back, and what a
// resumed attempt does not send twice.
@testable import OmneoSession
import Foundation
import OmneoClient
import OmneoJournal
import OmneoModel
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct RunJournalTests {
    static let seed = TenantAPITests.seed
    /// The in-process sandbox's port changes per test: the cache is off here, so one identity serves all.
    static let identity = TenantIdentity(name: "sandbox", baseURL: "http://127.0.0.1/api", fingerprint: "0000000000000000")

    static func journal(_ runID: String = UUID().uuidString, earlierOf journal: Journal? = nil) throws -> RunJournal {
        let store = try journal ?? Journal.open(path: FileManager.default.temporaryDirectory.appendingPathComponent("rj-\(UUID().uuidString)/j.sqlite").path)
        if journal == nil {
            try store.begin(RunStart(id: runID, tenant: Self.identity, recipePath: "/r.lua", recipeText: []))
            return RunJournal(journal: store, runID: runID, tenant: Self.identity, cacheTTL: 0)
        }
        let attempt = try store.beginAttempt(runID: runID, recipeText: [])
        return RunJournal(journal: store, runID: runID, attempt: attempt, tenant: Self.identity, cacheTTL: 0, earlier: try EarlierAttempts(journal: store, runID: runID))
    }

    /// A first attempt that raised, as a process killed halfway would leave the journal (less its end).
    static func dies(_ run: TenantRun) throws -> TenantRun {
        guard case .failed = run.outcome else { throw JournalTestError(message: "expected the first attempt to fail: \(run.outcome)") }
        return run
    }

    static func undo(_ runID: String, in journal: Journal, tenant: TenantFixture) async throws -> RunUndo.Result {
        let undoID = UUID().uuidString
        try journal.begin(RunStart(id: undoID, tenant: Self.identity, recipePath: "undo", recipeText: []))
        let undoJournal = RunJournal(journal: journal, runID: undoID, tenant: Self.identity, cacheTTL: 0)
        return try await RunUndo.execute(
            of: runID, journal: undoJournal, client: tenant.client, settings: RunUndo.Settings(), report: RunReport(path: nil, dryRun: false)
        )
    }

    @Test func writesToProfilesTheRunNeverReadRecordTheirStatusesFirstAndUndoPutsThemBack() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let before = try await tenant.snapshot()
        let journal = try Self.journal()
        let run = try await tenant.run("raw.lua", source: """
            assert(assert(omneo.profile_statuses.add({"p1", "p2", "p200"}, {"vip", "media"})):wait().failed == 0)
            assert(assert(omneo.profile_statuses.remove({"p1", "p3"}, {"staff", "vip"})):wait().failed == 0)
            """, journal: journal)
        #expect(run.outcome == .finished)
        let befores = try journal.journal.befores(runID: journal.runID).mapValues(\.statuses)
        #expect(befores["p1"] == ["vip", "staff"] && befores["p2"] == ["vip"] && befores["p200"] == [] && befores["p3"] == ["vip"])
        #expect(try await tenant.snapshot() != before)
        let result = try await Self.undo(journal.runID, in: journal.journal, tenant: tenant)
        #expect(result.failures.isEmpty)
        // p1 had vip and staff: the run's add of vip changed nothing, its remove took both; undo re-adds both
        // and removes the media it added. p200 loses vip and media, p3 gets vip back.
        #expect(result.readded["p1"] == ["staff", "vip"] && result.removed["p1"] == ["media"])
        #expect(result.removed["p200"] == ["media", "vip"] && result.readded["p3"] == ["vip"])
        let after = try await tenant.snapshot()
        #expect(after.mapValues { Set($0) } == before.mapValues { Set($0) })
        await tenant.close()
    }

    @Test func replacingStatusesThroughAnUpdateRecordsTheStatusesItReplaced() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let journal = try Self.journal()
        let run = try await tenant.run("replace.lua", source: """
            assert(omneo.profiles.update("p1", { first_name = "Ann", statuses = { "media" } }, { replace_statuses = true }))
            """, journal: journal)
        #expect(run.outcome == .finished)
        #expect(await tenant.server.store.statuses(ofProfile: "p1") == ["media"])
        #expect(try journal.journal.befores(runID: journal.runID)["p1"]?.statuses == ["vip", "staff"])
        let writes = try journal.journal.writes(runID: journal.runID)
        #expect(writes.map(\.operation.rawValue) == ["update", "attach", "detach"])
        #expect(writes.allSatisfy { $0.state == .finished })
        _ = try await Self.undo(journal.runID, in: journal.journal, tenant: tenant)
        #expect(Set(await tenant.server.store.statuses(ofProfile: "p1") ?? []) == ["vip", "staff"])
        await tenant.close()
    }

    @Test func anUpsertReplacingStatusesRecordsTheSetsItReplacedAndUndoPutsThemBack() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let journal = try Self.journal()
        let run = try await tenant.run("import.lua", source: """
            local job = assert(omneo.profiles.upsert({
              { email = "person1@example.com", statuses = { "media" } },
              { email = "person4@example.com", first_name = "Four", statuses = {} },
            }, { match = "email", replace_statuses = true }))
            assert(job:wait().failed == 0)
            """, journal: journal)
        #expect(run.outcome == .finished)
        #expect(await tenant.server.store.statuses(ofProfile: "p1") == ["media"])
        #expect(await tenant.server.store.statuses(ofProfile: "p4") == [])
        let befores = try journal.journal.befores(runID: journal.runID).mapValues(\.statuses)
        #expect(befores["p1"] == ["vip", "staff"] && befores["p4"] == ["vip"])
        #expect(try journal.journal.writes(runID: journal.runID).map(\.operation.rawValue) == ["upsert-replace"])
        let undone = try await Self.undo(journal.runID, in: journal.journal, tenant: tenant)
        #expect(undone.profileChanges == ProfileChanges(updated: 2))
        #expect(Set(await tenant.server.store.statuses(ofProfile: "p1") ?? []) == ["vip", "staff"])
        #expect(await tenant.server.store.statuses(ofProfile: "p4") == ["vip"])
        await tenant.close()
    }

    @Test func aResumedAttemptReadsTheProfilesTheFirstOneRead() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let first = try Self.journal()
        let body = """
            local ids = {}
            for p in omneo.profiles.each{ ["statuses.handle"] = "vip" } do ids[#ids + 1] = p.id end
            local one = assert(omneo.profiles.get("p7"))
            assert(assert(omneo.profile_statuses.remove(ids, { "vip" }, { chunk = 50 })):wait().failed == 0)
            for _, id in ipairs(ids) do omneo.report.row(id, "removed", table.concat(one.statuses, "+"), id) end
            """
        _ = try Self.dies(await tenant.run("demote.lua", source: body + "\nerror('died here')\n", journal: first))
        let writesBefore = tenant.writes
        // The tenant has no vip left: a live `each` would find nothing and report no row.
        let resumed = try await tenant.run("demote.lua", source: body, journal: try Self.journal(first.runID, earlierOf: first.journal))
        #expect(resumed.outcome == .finished)
        #expect(resumed.reportRows.count == 120)
        #expect(resumed.reportRows.first?[6] == "vip", "p7 as the first attempt read it")
        #expect(tenant.writes == writesBefore)
        await tenant.close()
    }

    @Test func aResumedAttemptReplaysAnswersAndSendsNoAcceptedWriteAgain() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let first = try Self.journal()
        let body = """
            local r = assert(omneo.profiles.resolve{ "person5@example.com", "person6@example.com", "nobody@example.com" })
            local job = assert(omneo.profile_statuses.add(r.ids, { "media" }))
            assert(job:wait().failed == 0)
            local created = assert(omneo.profiles.create{ email = "new.person@example.com", first_name = "New" })
            omneo.report.row("new", "created", nil, created.id)
            """
        let died = try Self.dies(await tenant.run("job.lua", source: body + "\nerror('died here')\n", journal: first))
        let writesBefore = tenant.writes
        let second = try Self.journal(first.runID, earlierOf: first.journal)
        let resumed = try await tenant.run("job.lua", source: body, journal: second)
        #expect(resumed.outcome == .finished)
        #expect(tenant.writes == writesBefore, "the resumed attempt sent \(tenant.writes - writesBefore) writes")
        #expect(resumed.reportRows.first?[3] == died.reportRows.first?[3])
        let created = try await tenant.client.profilePage(filters: ["email": "new.person@example.com"], page: 1, size: 5)
        #expect(created.profiles.count == 1)
        // The lookups came from the journal, not the tenant.
        let lookups = tenant.server.requestLog.entries().filter { $0.target.contains("filter") && $0.target.contains("person5") }
        #expect(lookups.count == 1)
        await tenant.close()
    }
}

struct JournalTestError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
