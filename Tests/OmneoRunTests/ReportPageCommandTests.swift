// `--html [FILE]` on `run` and `show`, without a browser: where the page goes, what is refused before a run
// starts, and that several runs need --html.
import Foundation
import Testing

@Suite struct ReportPageCommandTests {
    static var recipes: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("recipes")
    }

    static func runID(_ result: BinaryResult) -> String? {
        result.stderr.split(separator: "\n").first?.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }
    }

    @Test func htmlAloneWritesAPrivatePageBesideTheReportAndShowWritesItAgain() throws {
        let scratch = try Scratch()
        let environment = ["XDG_STATE_HOME": scratch.url.appendingPathComponent("state").path]
        let run = try OmneoRunBinary.run(["tag-influencers.lua", "--sandbox", "--html"], in: Self.recipes, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let id = try #require(Self.runID(run))
        let expected = scratch.url.appendingPathComponent("state/omneo/reports/sandbox-\(id).html").path
        #expect(run.stderr.contains("page: \(expected)\n"), "\(run.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: expected)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let page = try String(contentsOfFile: expected, encoding: .utf8)
        #expect(page.contains("data-count=\"added\">26</td>") && page.contains("data-count=\"not_found\">4</td>"))
        // The timeline counts what the summary counts: every request the client sent.
        let summary = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("tenant sandbox: ") })
        let requests = try #require(summary.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(page.contains("data-timeline-requests=\"\(requests)\""), "\(summary)")
        // `show` writes the same run's page from the journal alone, to a file named with --html=.
        let file = scratch.url.appendingPathComponent("again.htm").path
        let shown = try OmneoRunBinary.run(["show", id, "--html=\(file)"], environment: environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == "page: \(file)\n")
        let again = try String(contentsOfFile: file, encoding: .utf8)
        #expect(again.contains("data-count=\"added\">26</td>") && again.contains("data-timeline-requests=\"\(requests)\""))
    }

    /// An undo is journaled as a run too: its page has its timeline, and says what it undid.
    @Test func anUndosPageHasItsTimeline() throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try OmneoRunBinary.run(["tag-influencers.lua"], in: Self.recipes, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let id = try #require(Self.runID(run))
        let undo = try OmneoRunBinary.run(["undo", id], environment: environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        let file = scratch.url.appendingPathComponent("undo.html").path
        let shown = try OmneoRunBinary.run(["show", "last", "--html", file], environment: environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.contains(" (undo of \(id))</dd>"))
        #expect(page.contains("<h2>default: undo of \(id)</h2>"))
        #expect(page.contains("data-change=\"remove &#39;influencer&#39;\""))
        #expect(!page.contains("data-timeline=\"none\""))
        #expect(page.contains("data-timeline-requests=\""))
    }

    @Test func aPageInAFolderThatDoesNotExistIsRefusedBeforeTheRunStarts() throws {
        let scratch = try Scratch()
        let environment = ["XDG_STATE_HOME": scratch.url.appendingPathComponent("state").path]
        let missing = scratch.url.appendingPathComponent("nope/page.html").path
        let run = try OmneoRunBinary.run(["tag-influencers.lua", "--sandbox", "--html", missing], in: Self.recipes, environment: environment)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--html \(missing): the folder \(scratch.url.appendingPathComponent("nope").path) does not exist"), "\(run.stderr)")
        #expect(!run.stderr.contains("run 2"))  // not even the run's first line
        let folder = scratch.url.appendingPathComponent("pages.html").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let refused = try OmneoRunBinary.run(["show", "last", "--html", folder], environment: environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--html \(folder) is a folder; name the page in it"), "\(refused.stderr)")
    }

    @Test func severalRunsNeedHtmlAndJsonDoesNotMixWithIt() throws {
        let scratch = try Scratch()
        let environment = ["XDG_STATE_HOME": scratch.url.appendingPathComponent("state").path]
        let several = try OmneoRunBinary.run(["show", "last", "last~1"], environment: environment)
        #expect(several.status == 2)
        #expect(several.stderr.contains("show takes one run (got 2: last last~1); several runs make one page with --html"), "\(several.stderr)")
        let both = try OmneoRunBinary.run(["show", "last", "--json", "--html"], environment: environment)
        #expect(both.status == 2)
        #expect(both.stderr.contains("--json and --html cannot be used together"), "\(both.stderr)")
    }
}
