// ProfileWriter: fields checked before sending, statuses never in a PUT, upserts row by row, and every
// write through the ledger (an intent first, then its answer).
import OmneoClient
import OmneoJournal
import OmneoModel
@testable import OmneoSession
import Testing

@Suite struct ProfileWriterTests {
    @Test func badFieldsAreRefusedBeforeSending() async throws {
        let fixture = try await SessionFixture()
        let fields = try ProfileFields(["email": "not an email", "birth_day": 40])
        await #expect(throws: ExpectedFailure.self) { try await fixture.services.profiles.create(fields) }
        #expect(fixture.server.requestLog.writeCount == 0)
        await fixture.close()
    }

    @Test func createUpdateAndDeleteGoThroughTheLedger() async throws {
        let fixture = try await SessionFixture(journaled: true)
        let writer = fixture.services.profiles
        guard case .written(let created) = try await writer.create(try ProfileFields(["email": "new@example.com", "first_name": "New"])) else {
            Issue.record("create was not written"); return
        }
        let update = try ProfileFields(replacingStatusesAndTags: ["last_name": "Person", "statuses": ["staff"]])
        guard case .written(let updated) = try await writer.update(created.id, update) else { Issue.record("update was planned"); return }
        #expect(updated.statuses == ["staff"] && updated["last_name"] == "Person")
        try await writer.delete(created.id, purge: false)
        let writes = try fixture.journal!.journal.writes(runID: fixture.journal!.runID)
        #expect(writes.map(\.operation) == [.create, .update, .attach, .delete])
        #expect(writes.allSatisfy { $0.state == .finished })
        await fixture.close()
    }

    @Test func upsertTellsCreatedFromUpdatedRowByRow() async throws {
        let fixture = try await SessionFixture()
        let writer = fixture.services.profiles
        let rows = try [["email": "person4@example.com", "first_name": "Four"], ["email": "fresh@example.com"], ["email": "bad"]].map { try ProfileFields($0) }
        let job = try await writer.upsert(rows, match: "email", chunk: 500)
        #expect(job.invalid.keys.sorted() == [3])
        let result = try await writer.wait(job: job.id, timeout: 30)
        #expect(result.rows.map(\.outcome) == [.updated, .created, .invalid])
        #expect(result.updated == ["p4"] && result.created.count == 1 && result.failures.map(\.index) == [3])
        await fixture.close()
    }
}
