// ProfileReader: reads journaled in order, replayed in the same order by a resumed attempt.
import OmneoJournal
@testable import OmneoSession
import Testing

@Suite struct ProfileReaderTests {
    @Test func readsAreReplayedInOrderThenLive() async throws {
        let first = try await SessionFixture(journaled: true)
        let reader = first.services.reader
        #expect(try await reader.profile(id: "p1", identity: nil)?.statuses == ["vip"])
        let page = try await reader.page(filters: ["email": ["twin@example.com"]], page: 1, size: 10)
        #expect(page.profiles.count == 2 && page.total == 2)
        #expect(try await reader.profile(id: "nobody", identity: nil) == nil)
        let path = first.journal!.journal.path, runID = first.journal!.runID
        await first.close()
        let second = try await SessionFixture(earlier: runID, journalAt: path)
        let replay = second.services.reader
        #expect(try await replay.profile(id: "p1", identity: nil)?.id == "p1")
        #expect(try await replay.page(filters: ["email": ["twin@example.com"]], page: 1, size: 10).profiles.count == 2)
        #expect(second.server.requestLog.total == 0)
        _ = try await replay.profile(id: "p1", identity: nil)
        #expect(second.server.requestLog.total == 1)
        await second.close()
    }
}
