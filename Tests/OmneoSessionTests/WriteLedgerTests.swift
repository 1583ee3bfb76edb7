// WriteLedger: the journal handshake once: intent before the request, then answered or refused; a resumed
// attempt matches each earlier accepted write once.
import OmneoClient
import OmneoJournal
import OmneoModel
@testable import OmneoSession
import Testing

@Suite struct WriteLedgerTests {
    @Test func intentThenAnswerOrRefusal() async throws {
        let fixture = try await SessionFixture(journaled: true)
        let ledger = fixture.services.session.ledger
        let (value, write) = try await ledger.perform(.attach, ids: ["p1"], handles: [["vip"]], answer: { .queued(batchID: $0) }) { "b-1" }
        #expect(value == "b-1" && write != nil)
        await #expect(throws: ExpectedFailure.self) {
            _ = try await ledger.perform(.create, ids: [], payload: "x", answer: { (_: String) in .applied(profileIDs: [], status: 201) }) {
                throw ExpectedFailure("email: The email has already been taken.")
            }
        }
        let writes = try fixture.journal!.journal.writes(runID: fixture.journal!.runID)
        #expect(writes.map(\.state) == [.sent, .refused])
        #expect(writes[0].batchID == "b-1" && writes[1].httpStatus == 422)
        let path = fixture.journal!.journal.path, runID = fixture.journal!.runID
        await fixture.close()
        let resumed = try await SessionFixture(earlier: runID, journalAt: path)
        let again = resumed.services.session.ledger
        #expect(again.earlier(.attach, ids: ["p1"], handles: [["vip"]])?.batchID == "b-1")
        #expect(again.earlier(.attach, ids: ["p1"], handles: [["vip"]]) == nil, "each earlier write is matched once")
        #expect(again.earlier(.create, ids: nil, payload: "x") == nil, "a refused write is sent again")
        await resumed.close()
    }
}
