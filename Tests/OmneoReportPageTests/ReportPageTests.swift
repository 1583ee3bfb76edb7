// The report page from journaled runs: what it shows, that nothing from a tenant or a CSV can become markup,
// several runs on one page, writes grouped by handle, the timeline's marks, and a run without a timeline.
import Foundation
import OmneoJournal
import OmneoModel
@testable import OmneoReportPage
import Testing

@Suite struct ReportPageTests {
    static func journal() throws -> Journal {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString)").path
        return try Journal.open(path: folder + "/journal.sqlite")
    }

    static func begin(_ journal: Journal, id: String, tenant: String = "acme", dryRun: Bool = false) throws {
        let identity = TenantIdentity(name: tenant, baseURL: "https://api.\(tenant).getomneo.com/api", fingerprint: "00112233aabbccdd")
        var start = RunStart(id: id, tenant: identity, recipePath: "/r/assign-status.lua", recipeText: Array("print(1)".utf8))
        start.arguments = [["status", "vip"], ["file", "vips.csv"]]
        start.dryRun = dryRun
        try journal.begin(start)
    }

    /// A run of four rows (one added, one not found, one invalid with an HTML-looking detail, one skipped),
    /// one attach batch of two profiles with one failure, and a timeline with a 429 and a retry.
    static func sampleRun(_ journal: Journal, id: String = "20261203-120000-aaaa", tenant: String = "acme", timeline: Bool = true) throws -> RunRecord {
        try begin(journal, id: id, tenant: tenant)
        try journal.outcomes(runID: id, [
            OutcomeRow(seq: 1, key: "a@x.com", profileID: "p1", outcome: "added", detail: nil, line: 2),
            OutcomeRow(seq: 2, key: "b@x.com", profileID: nil, outcome: "not_found", detail: "no profile has this email", line: 3),
            OutcomeRow(seq: 3, key: "<img src=x onerror=alert(1)>", profileID: nil, outcome: "invalid", detail: "<script>alert('x')</script>", line: 4),
            OutcomeRow(seq: 4, key: "d@x.com", profileID: "p4", outcome: "failed", detail: "tenant: \"profile locked\" & more", line: 5),
            OutcomeRow(seq: 5, key: "e@x.com", profileID: "p5", outcome: "skipped", detail: nil, line: 6),
        ])
        let write = try journal.intent(runID: id, attempt: 1, operation: .attach, handles: [["vip"], ["vip"]], profileIDs: ["p1", "p4"])
        try journal.sent(write: write, batchID: "b1", httpStatus: 202)
        try journal.finished(write: write, batchStatus: "completed", failures: [["p4", "profile locked"]])
        if timeline {
            try journal.recordTimeline(runID: id, RunTimeline(
                who: "ops@laptop",
                seconds: [
                    RunTimeline.Second(second: 1_764_763_200, requests: 5),
                    RunTimeline.Second(second: 1_764_763_201, requests: 7, throttled: 2, retries: 1),
                    RunTimeline.Second(second: 1_764_763_203, requests: 1, retries: 2),
                ],
                waits: [
                    RunTimeline.Wait(kind: "batch", start: 1_764_763_201.5, end: 1_764_763_203.2),
                    RunTimeline.Wait(kind: "pause", start: 1_764_763_201.2, end: 1_764_763_202.2),
                ]
            ))
        }
        try journal.end(runID: id, exitCode: 4, error: nil)
        return try journal.run(id)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func thePageShowsTheRunsHeaderCountsWritesRowsAndTimeline() throws {
        let journal = try Self.journal()
        let run = try Self.sampleRun(journal)
        let html = ReportPage.html([try ReportPageRun.load(journal, run: run)])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<dd data-field=\"tenant\">acme</dd>"))
        #expect(html.contains("<dd data-field=\"base-url\">https://api.acme.getomneo.com/api</dd>"))
        #expect(html.contains("<code>status=vip</code> <code>file=vips.csv</code>"))
        #expect(html.contains("<dd data-field=\"who\">ops@laptop</dd>"))
        #expect(html.contains("<dd data-field=\"mode\">writes sent</dd>"))
        #expect(html.contains("rows failed (exit 4)"))
        for (outcome, count) in ["added": 1, "not_found": 1, "invalid": 1, "failed": 1, "skipped": 1] {
            #expect(html.contains("data-count=\"\(outcome)\">\(count)</td>"), "\(outcome)")
            #expect(html.contains("data-bar-outcome=\"\(outcome)\""), "\(outcome)")
        }
        #expect(html.contains("data-count-total=\"5\""))
        // The attach batch grouped by handle: 2 profiles, 1 applied, 1 failed.
        #expect(html.contains("<tr class=\"write-group\" data-change=\"add &#39;vip&#39;\"><td>add &#39;vip&#39;</td><td class=\"n\">1</td><td class=\"n\">2</td>"
            + "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>"))
        // Rows that did not apply, with their input lines; skipped and added rows are not listed.
        #expect(Self.count("<tr class=\"problem", in: html) == 3)
        #expect(html.contains("<td class=\"n\">3</td><td>not_found</td><td>b@x.com</td>"))
        #expect(!html.contains("<td>e@x.com</td>"))
        // The timeline: totals, two 429s in one column, retries in two, a batch band and a pause band.
        #expect(html.contains("data-timeline-requests=\"13\" data-timeline-throttled=\"2\" data-timeline-retries=\"3\""))
        #expect(Self.count("<circle class=\"throttled\"", in: html) == 1)
        #expect(html.contains("data-throttled=\"2\""))
        #expect(Self.count("<rect class=\"retry\"", in: html) == 2)
        #expect(html.contains("<rect class=\"wait batch\""))
        #expect(html.contains("<rect class=\"wait pause\""))
    }

    @Test func nothingFromTheTenantOrTheCSVBecomesMarkup() throws {
        let journal = try Self.journal()
        let run = try Self.sampleRun(journal)
        let html = ReportPage.html([try ReportPageRun.load(journal, run: run)])
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("tenant: &quot;profile locked&quot; &amp; more"))
        #expect(!html.contains("<img"))
        // The page's one script is its own filter; no other script element exists.
        #expect(Self.count("<script", in: html) == 1)
        #expect(!html.contains("alert('x')"))
        // No network: no external reference of any kind, and a policy that forbids one.
        for reference in ["http://", "https://", "src=\"", "href=\"http", "@import", "url("] where reference != "https://" {
            #expect(!html.contains(reference), "\(reference)")
        }
        #expect(html.contains("default-src 'none'"))
        #expect(Self.count("https://", in: html) == 1)  // the base URL, shown as text only
    }

    @Test func severalRunsGetATableWithARowPerTenantAndASectionEach() throws {
        let journal = try Self.journal()
        let first = try Self.sampleRun(journal, id: "20261203-120000-aaaa", tenant: "brand-a")
        let second = try Self.sampleRun(journal, id: "20261203-120001-bbbb", tenant: "brand-b", timeline: false)
        let html = ReportPage.html([try ReportPageRun.load(journal, run: first), try ReportPageRun.load(journal, run: second)])
        #expect(html.contains("<table id=\"runs-table\">"))
        #expect(Self.count("<tr class=\"run-row\"", in: html) == 2)
        #expect(html.contains("<td>brand-a (https://api.brand-a.getomneo.com/api)</td><td><a href=\"#run-20261203-120000-aaaa\">"))
        #expect(html.contains("<td>brand-b (https://api.brand-b.getomneo.com/api)</td><td><a href=\"#run-20261203-120001-bbbb\">"))
        #expect(Self.count("<section class=\"run\"", in: html) == 2)
        #expect(html.contains("<td class=\"n\">13</td>"))  // brand-a's requests
        #expect(html.contains("<td class=\"n\">not recorded</td>"))  // brand-b has no timeline
        // One filter for every table: 6 rows that did not apply over both runs.
        #expect(html.contains("data-visible=\"6\" data-total=\"6\""))
    }

    @Test func aRunWithoutATimelineSaysSoAndAnOldRowWithoutALineShowsNone() throws {
        let journal = try Self.journal()
        try Self.begin(journal, id: "20261203-120000-cccc", dryRun: true)
        try journal.outcome(runID: "20261203-120000-cccc", seq: 1, key: "b@x.com", profileID: nil, outcome: "ambiguous", detail: "2 profiles")
        try journal.outcome(runID: "20261203-120000-cccc", seq: 2, key: "c@x.com", profileID: "p3", outcome: "would_add", detail: nil)
        let run = try journal.run("20261203-120000-cccc")
        let html = ReportPage.html([try ReportPageRun.load(journal, run: run)])
        #expect(html.contains("data-timeline=\"none\">No timeline was recorded for this run"))
        #expect(html.contains("<dd data-field=\"who\">not recorded</dd>"))
        #expect(html.contains("<strong>dry run</strong>: nothing was written"))
        #expect(html.contains("A dry run: nothing was sent."))
        #expect(html.contains("no end recorded"))
        #expect(html.contains("<td class=\"n\"></td><td>ambiguous</td><td>b@x.com</td>"))
        #expect(html.contains("<g class=\"bar plan\" data-bar-outcome=\"would_add\">"))
    }

    @Test func writesAreGroupedPerHandleAndPerOperation() {
        let writes = [
            WriteRecord(id: 1, attempt: 1, operation: .attach, handles: [["vip", "gold"], ["vip"]], profileIDs: ["p1", "p2"], state: .finished,
                        failures: [["p2", "locked"]]),
            WriteRecord(id: 2, attempt: 1, operation: .attach, handles: [["vip"]], profileIDs: ["p3"], state: .refused, error: "422"),
            WriteRecord(id: 3, attempt: 1, operation: .detach, handles: [["staff"]], profileIDs: ["p4"], state: .sent),
            WriteRecord(id: 4, attempt: 1, operation: .create, handles: [[]], profileIDs: ["p9"], state: .finished),
            WriteRecord(id: 5, attempt: 1, operation: .create, handles: [[]], profileIDs: [""], state: .intent),
        ]
        let groups = WriteGroup.groups(writes)
        #expect(groups.map(\.label) == ["add 'vip'", "add 'gold'", "remove 'staff'", "create"])
        #expect(groups[0].writes == 2 && groups[0].profiles == 3 && groups[0].applied == 1 && groups[0].failed == 1 && groups[0].refused == 1)
        #expect(groups[1].profiles == 1 && groups[1].applied == 1)
        #expect(groups[2].unconfirmed == 1)
        #expect(groups[3].writes == 2 && groups[3].applied == 1 && groups[3].unconfirmed == 1)
    }

    /// Tag writes (one profile each, the tags it added then those it removed) and identity or attribute
    /// writes (the handle or `namespace:handle` first) group by what they changed.
    @Test func tagIdentityAndAttributeWritesAreGroupedByWhatTheyChanged() {
        let writes = [
            WriteRecord(id: 1, attempt: 1, operation: .tags, handles: [["xmas"], ["old"]], profileIDs: ["p1"], state: .finished),
            WriteRecord(id: 2, attempt: 1, operation: .tags, handles: [["xmas"], []], profileIDs: ["p2"], state: .refused, error: "422"),
            WriteRecord(id: 3, attempt: 1, operation: .identityAdd, handles: [["shopify", "123"]], profileIDs: ["p3"], state: .finished),
            WriteRecord(id: 4, attempt: 1, operation: .attributeChange, handles: [["loyalty:tier", "string", "\"gold\""]], profileIDs: ["p4"], state: .sent),
        ]
        let groups = WriteGroup.groups(writes)
        #expect(groups.map(\.label) == ["add tag 'xmas'", "remove tag 'old'", "add identity 'shopify'", "set attribute 'loyalty:tier'"])
        #expect(groups[0].writes == 2 && groups[0].applied == 1 && groups[0].refused == 1)
        #expect(groups[1].applied == 1 && groups[2].applied == 1 && groups[3].unconfirmed == 1)
    }

    @Test func aLongAttemptShowsSeveralSecondsPerBarAsTheirAverage() {
        let seconds = (0..<1_000).map { RunTimeline.Second(second: 1_764_763_200 + $0, requests: 10) }
        let svg = ReportCharts.timeline(RunTimeline(who: "x", seconds: seconds, waits: []))
        // 1,000 seconds over at most 480 columns: 3 seconds a bar, 334 bars.
        #expect(Self.count("<rect class=\"requests\"", in: svg) == 334)
        #expect(svg.contains("Each bar is 3 seconds (their average per second)."))
        #expect(svg.contains("10/s"))
    }

    @Test func theJournalKeepsEachAttemptsTimelineAndEachRowsLine() throws {
        let journal = try Self.journal()
        let run = try Self.sampleRun(journal)
        try journal.recordTimeline(runID: run.id, RunTimeline(attempt: 2, who: "ops@server", seconds: [RunTimeline.Second(second: 5, requests: 1)], waits: []))
        let timelines = try journal.timelines(runID: run.id)
        #expect(timelines.map(\.attempt) == [1, 2])
        #expect(timelines[0].waits == [
            RunTimeline.Wait(kind: "batch", start: 1_764_763_201.5, end: 1_764_763_203.2),
            RunTimeline.Wait(kind: "pause", start: 1_764_763_201.2, end: 1_764_763_202.2),
        ])
        #expect(timelines[1].who == "ops@server" && timelines[1].requests == 1)
        #expect(try journal.outcomeRows(runID: run.id).map(\.line) == [2, 3, 4, 5, 6])
    }
}
