// TagWriter's pure parts: how tags are normalised (and said so), and the list undo puts back.
import OmneoJournal
import OmneoModel
@testable import OmneoSession
import Testing

@Suite struct TagWriterTests {
    @Test func tagsAreNormalisedAsTheTenantKeepsThemWithOneWarningEach() throws {
        let (tags, warnings) = try TagWriter.normalise(["christmas campaign", "VIP", "christmas-campaign", "vip"])
        #expect(tags == ["christmas-campaign", "VIP", "vip"], "case is kept; the same tag once")
        #expect(warnings == ["tag 'christmas campaign' is sent as 'christmas-campaign': the tenant turns spaces into hyphens"])
        #expect(throws: WriteMisuse.self) { try TagWriter.normalise(["ok", "  "]) }
        #expect(throws: WriteMisuse.self) { try TagWriter.normalise([]) }
    }

    @Test func undoPutsBackTheListBeforeTheRunKeepingOthersChanges() {
        let run = TagDelta(added: ["xmas"], removed: ["old"])
        // Nobody else wrote: exactly the list before, in its order.
        #expect(RunUndo.restoredTags(before: ["a", "old", "b"], now: ["a", "b", "xmas"], run: run) == ["a", "old", "b"])
        // Someone else added `theirs` and removed `b` since: both stay as they left them.
        #expect(RunUndo.restoredTags(before: ["a", "old", "b"], now: ["a", "xmas", "theirs"], run: run) == ["a", "old", "theirs"])
        // Someone else put `old` back already: it is there once.
        #expect(RunUndo.restoredTags(before: ["old"], now: ["xmas", "old"], run: run) == ["old"])
    }

    @Test func theRunsChangesAddUpPerProfileOverItsWrites() {
        let writes = [
            WriteRecordFixture.tags("p1", added: ["xmas"], removed: []),
            WriteRecordFixture.tags("p1", added: [], removed: ["old"]),
            WriteRecordFixture.tags("p2", added: ["xmas"], removed: [], refused: true),
        ]
        let changes = RunUndo.tagChanges(writes)
        #expect(changes["p1"] == TagDelta(added: ["xmas"], removed: ["old"]))
        #expect(changes["p2"] == nil, "a refused write changed nothing")
    }
}

enum WriteRecordFixture {
    static func tags(_ id: String, added: [String], removed: [String], refused: Bool = false) -> WriteRecord {
        WriteRecord(id: 1, attempt: 1, operation: .tags, handles: [added, removed], profileIDs: [id], state: refused ? .refused : .finished)
    }
}
