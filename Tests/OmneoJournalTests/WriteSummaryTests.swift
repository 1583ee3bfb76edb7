// Writes in words (`show`) and the profiles a run's writes created, updated or deleted (`undo`), from the
// journal's own records; and a recipe filter matching names literally.
import Foundation
import OmneoModel
@testable import OmneoJournal
import Testing

@Suite struct WriteSummaryTests {
    static func write(_ operation: WriteOperation, ids: [String], handles: [[String]] = [], state: WriteRecord.State = .finished, failures: [[String]] = []) -> WriteRecord {
        WriteRecord(id: 1, attempt: 1, operation: operation, handles: handles, profileIDs: ids, state: state, batchID: "b1", failures: failures)
    }

    @Test func eachWriteSaysWhatItAskedForAndHowItEnded() {
        let attach = Self.write(.attach, ids: ["p1", "p2", "p3"], handles: [["vip"], ["vip"], ["vip"]], failures: [["p2", "Profile not found."]])
        #expect(attach.change == "add 'vip' to 3 profiles")
        #expect(attach.result == "done: 2 applied, 1 failed")
        let mixed = Self.write(.detach, ids: ["p1", "p2"], handles: [["vip", "gold"], ["vip"]], state: .sent)
        #expect(mixed.change == "remove 'vip' (2), 'gold' (1) from 2 profiles")
        #expect(mixed.result == "accepted (batch b1), its end was not recorded")
        let upsert = Self.write(.upsertReplace, ids: ["", "p9", ""], state: .intent)
        #expect(upsert.change == "upsert 3 profiles (2 new, 1 matched), replacing their statuses")
        #expect(upsert.result == "no answer recorded: it may have applied")
        var refused = Self.write(.create, ids: [], state: .refused)
        refused.error = "POST /v3/profiles was refused (422): email: taken"
        #expect(refused.change == "create a profile")
        #expect(refused.result == "refused, nothing changed: POST /v3/profiles was refused (422): email: taken")
    }

    /// A failed upsert item applied nothing: it counts neither as created nor as updated; a refused write
    /// changed nothing; an unanswered one may have applied.
    @Test func profileChangesCountEachProfileOnce() {
        let writes = [
            Self.write(.create, ids: ["n1"]), Self.write(.create, ids: [], state: .intent), Self.write(.create, ids: [], state: .refused),
            Self.write(.update, ids: ["p1"]), Self.write(.delete, ids: ["p2"]), Self.write(.purge, ids: ["p3"]),
            Self.write(.upsert, ids: ["", "", "p4", "p5"], failures: [["row 2", "invalid"], ["p5", "locked"]]),
            Self.write(.attach, ids: ["p6"], handles: [["vip"]]),
        ]
        #expect(ProfileChanges(writes) == ProfileChanges(created: 3, updated: 2, deleted: 2))
    }

    @Test func aRecipeFilterMatchesItsNameLiterally() throws {
        let journal = try Journal.open(path: JournalTests.temporaryPath())
        for (id, path) in [("20261202-120000-aaaa", "/r/tag_x.lua"), ("20261202-120001-bbbb", "/r/tagax.lua"), ("20261202-120002-cccc", "/r/tag_x.lua.bak")] {
            try journal.begin(RunStart(id: id, tenant: JournalTests.identity("acme"), recipePath: path, recipeText: []))
        }
        var filter = RunFilter()
        filter.recipe = "tag_x"
        #expect(try journal.runs(filter).map(\.id) == ["20261202-120000-aaaa"])
        filter.recipe = "tag_x.lua.bak"
        #expect(try journal.runs(filter).map(\.id) == ["20261202-120002-cccc"])
    }
}
