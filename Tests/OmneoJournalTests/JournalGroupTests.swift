// Fan-out groups in the journal: the runs of one fan-out share a group id, listed together and by filter;
// a run of one tenant has none.
import Foundation
import OmneoModel
@testable import OmneoJournal
import Testing

@Suite struct JournalGroupTests {
    @Test func theRunsOfAGroupAreFoundByItsIdAndARunAloneHasNone() throws {
        let journal = try Journal.open(path: JournalTests.temporaryPath())
        for (id, tenant) in [("20261203-120000-aaaa", "brand-b"), ("20261203-120000-bbbb", "brand-a")] {
            var run = RunStart(id: id, tenant: JournalTests.identity(tenant), recipePath: "/r/tag.lua", recipeText: [])
            run.group = "g20261203-120000-cccc"
            try journal.begin(run)
        }
        try JournalTests.start(journal, id: "20261203-120001-dddd")
        let group = try journal.runs(group: "g20261203-120000-cccc")
        #expect(group.map(\.tenant) == ["brand-a", "brand-b"])
        #expect(group.allSatisfy { $0.group == "g20261203-120000-cccc" })
        #expect(try journal.run("20261203-120001-dddd").group == nil)
        #expect(try journal.runs(group: "g20261203-120000-eeee").isEmpty)
        var filter = RunFilter.everything
        filter.group = "g20261203-120000-cccc"
        #expect(Set(try journal.runs(filter).map(\.id)) == ["20261203-120000-aaaa", "20261203-120000-bbbb"])
        #expect(Journal.isGroupReference("g20261203-120000-cccc"))
        #expect(!Journal.isGroupReference("20261203-120000-cccc") && !Journal.isGroupReference("last") && !Journal.isGroupReference("g"))
    }
}
