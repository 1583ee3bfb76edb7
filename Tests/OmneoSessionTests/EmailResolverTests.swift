// EmailResolver: one outcome per input row, never a guess; answers journaled and replayed on resume.
import OmneoJournal
@testable import OmneoSession
import Testing

@Suite struct EmailResolverTests {
    @Test func everyRowGetsOneOutcome() async throws {
        let fixture = try await SessionFixture()
        let result = try await fixture.services.resolver.resolve([" Person1@Example.com", "nobody@example.com", "twin@example.com", "nope", "person1@example.com"])
        #expect(result.rows.map(\.outcome) == [.found, .missing, .ambiguous, .invalid, .duplicate])
        #expect(result.ids == ["p1"] && result.byEmail == ["person1@example.com": "p1"] && result.statuses["p1"] == ["vip"])
        #expect(result.rows[4].duplicateOf == 1 && result.rows[4].id == "p1")
        #expect(result.ambiguous.first?.count == 2 && result.invalid.first?.email == "nope")
        await fixture.close()
    }

    @Test func aResumedRunReplaysTheAnswersInsteadOfAsking() async throws {
        let first = try await SessionFixture(journaled: true)
        _ = try await first.services.resolver.resolve(["person1@example.com", "person4@example.com"])
        let asked = first.server.requestLog.total
        let path = first.journal!.journal.path, runID = first.journal!.runID
        await first.close()
        let second = try await SessionFixture(earlier: runID, journalAt: path)
        let result = try await second.services.resolver.resolve(["person1@example.com", "person4@example.com"])
        #expect(asked == 2 && second.server.requestLog.total == 0)
        #expect(result.ids == ["p1", "p4"])
        await second.close()
    }
}
