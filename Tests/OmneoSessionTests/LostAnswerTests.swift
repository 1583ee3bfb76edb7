// Writes whose answer is lost after the tenant applied them (the sandbox's `lost` fault): status batches
// are idempotent and re-sent; creates are read back, never re-sent blind. Nothing ends failed that the
// tool could have finished itself.
import OmneoClient
import OmneoJournal
import OmneoModel
import OmneoSandbox
@testable import OmneoSession
import Testing

@Suite struct LostAnswerTests {
    @Test func aStatusBatchWhoseAnswerIsLostIsSentAgainAndItsRowsEndRight() async throws {
        let fixture = try await SessionFixture(journaled: true) { configuration in
            configuration.faults = try! FaultSpec(parsing: "lost=35%")
            configuration.faultSeed = 7
        }
        let writer = fixture.services.statuses
        let ids = (1...12).map { "p\($0)" }
        let job = try await writer.write(ids.map { StatusAssignment(profileID: $0, statuses: ["media"]) }, attach: true, chunk: 2)
        let result = try await writer.wait(job: job.id, timeout: 60)
        #expect(result.done && result.failures.isEmpty && result.succeeded == ids.count, "\(result.failures)")
        for id in ids { #expect(await fixture.statuses(of: id).contains("media"), "\(id)") }
        let posts = fixture.server.requestLog.entries().filter { $0.endpoint == "POST /v3/profile/status/batch.json" }
        let lost = posts.filter { $0.fault == "lost" }
        #expect(!lost.isEmpty, "the seed lost no batch answer: the test proves nothing")
        // Each lost answer cost one more POST, and nothing else: 6 chunks.
        #expect(posts.count == 6 + lost.count)
        let writes = try fixture.journal!.journal.writes(runID: fixture.journal!.runID)
        #expect(writes.count == 6 && writes.allSatisfy { $0.state == .finished })
        await fixture.close()
    }

    @Test func aCreateWhoseAnswerIsLostIsReadBackNotCreatedTwice() async throws {
        let fixture = try await SessionFixture(journaled: true) { configuration in
            configuration.faults = try! FaultSpec(parsing: "lost=25%")
            configuration.faultSeed = 11
        }
        let writer = fixture.services.profiles
        let emails = (1...16).map { "lost-\($0)@example.com" }
        for email in emails {
            guard case .written(let profile) = try await writer.create(try ProfileFields(["email": .string(email), "first_name": "Lost"])) else {
                Issue.record("\(email): not written")
                continue
            }
            #expect(profile.fields["email"]?.stringValue == email)
        }
        for email in emails { #expect(await fixture.server.store.profileIDs(email: email).count == 1, "\(email)") }
        let creates = fixture.server.requestLog.entries().filter { $0.endpoint == "POST /v3/profiles" }
        #expect(creates.contains { $0.fault == "lost" }, "the seed lost no create answer: the test proves nothing")
        // Every create is journaled as answered with its profile, the lost ones through the read-back.
        let writes = try fixture.journal!.journal.writes(runID: fixture.journal!.runID).filter { $0.operation == .create }
        #expect(writes.filter { $0.state == .finished }.count == emails.count)
        await fixture.close()
    }

    @Test func anUpsertChunkWhoseAnswerIsLostIsReadBackAndEndsRowByRow() async throws {
        let fixture = try await SessionFixture(journaled: true) { configuration in
            configuration.faults = try! FaultSpec(parsing: "lost=30%")
            configuration.faultSeed = 3
        }
        let writer = fixture.services.profiles
        // Existing people 6...12 get a last name; eight new people are created; two rows a chunk.
        let existing = (6...12).map { ["email": JSONValue.string("person\($0)@example.com"), "last_name": .string("Upserted\($0)")] }
        let fresh = (1...8).map { ["email": JSONValue.string("upsert-\($0)@example.com"), "first_name": .string("New\($0)")] }
        let rows = try (existing + fresh).map { try ProfileFields($0) }
        let job = try await writer.upsert(rows, match: "email", chunk: 2)
        let result = try await writer.wait(job: job.id, timeout: 60)
        #expect(result.failures.isEmpty, "\(result.failures.map { "\($0.index): \($0.error ?? "")" })")
        #expect(result.rows.map(\.outcome) == Array(repeating: .updated, count: 7) + Array(repeating: .created, count: 8))
        for n in 1...8 { #expect(await fixture.server.store.profileIDs(email: "upsert-\(n)@example.com").count == 1, "upsert-\(n)") }
        let imports = fixture.server.requestLog.entries().filter { $0.endpoint == "POST /v3/profiles/batch" }
        #expect(imports.contains { $0.fault == "lost" }, "the seed lost no import answer: the test proves nothing \(imports.map(\.endpoint))")
        await fixture.close()
    }
}

/// A cached id's before-state is read through `filter[statuses.handle]`, a filter the vendor does not
/// document (chosen by analogy with tags). A tenant that ignores it is caught by the answer check, and the
/// run reads those profiles one by one instead: undo still knows what each held.
@Suite struct HolderReadTests {
    @Test func aTenantIgnoringTheHoldersFilterGetsOneByOneReads() async throws {
        let fixture = try await SessionFixture(journaled: true, cacheTTL: 3600) { configuration in
            configuration.faults = try! FaultSpec(parsing: "ignore_filters")
        }
        let journal = try #require(fixture.journal)
        // An earlier run on the same tenant looked these up: the cache answers them, ids only.
        try journal.journal.begin(RunStart(id: "earlier", tenant: journal.tenant, recipePath: "r.lua", recipeText: []))
        let people = [("person6@example.com", "p6"), ("person7@example.com", "p7"), ("person1@example.com", "p1")]
        try journal.journal.lookups(runID: "earlier", tenant: journal.tenant.key, answers: people.map { email, id in
            (email, LookupAnswer(matches: [.init(id: id, statuses: [])], total: 1))
        })
        let (resolution, job) = try await fixture.services.writeByEmail(people.map(\.0), handles: ["vip"], attach: true, chunk: 250, plan: .lookups)
        #expect(resolution.fromCache == 3)
        _ = try await fixture.services.statuses.wait(job: job.id, timeout: 30)
        let log = fixture.server.requestLog.entries()
        #expect(log.contains { $0.target.contains("statuses.handle") }, "the holders were never asked for")
        #expect(log.filter { $0.endpoint == "GET /v3/profiles/{id}" }.count == 3)
        let befores = try journal.journal.befores(runID: journal.runID)
        #expect(befores["p1"]?.statuses == ["vip"] && befores["p1"]?.covers == nil)
        #expect(befores["p6"]?.held("vip") == false && befores["p7"]?.held("vip") == false)
        await fixture.close()
    }
}
