// The run report page in a real browser: a run against a sandbox that answers some requests 429, its page
// written with `--html`, loaded from file:// in headless Chromium (Debian's `chromium`) after its script ran:
// the DOM's counts are the journal's (and the tenant's own request count), the filter (driven by the page's
// address fragment) shows exactly the rows asked for, a `<script>` in a CSV value stays text, and a
// screenshot is a real PNG. Skipped only when chromium is missing and OMNEO_BROWSER_TESTS is unset; `make
// test` sets it, so there a missing browser fails.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(
    .serialized,
    .enabled(
        if: Chromium.path != nil || ProcessInfo.processInfo.environment["OMNEO_BROWSER_TESTS"] == "1",
        "chromium is not installed: `make deps` installs it (with OMNEO_BROWSER_TESTS=1, as `make test` sets, its absence fails)"
    )
)
struct ReportPageBrowserTests {
    static var chromium: String? { Chromium.path }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs headless Chromium on the page; its noisy stderr goes to a file. A browser hung for minutes is
    /// stopped (a guard, not a timing assertion).
    static func browser(_ arguments: [String], scratch: Scratch) throws -> String {
        let chromium = try #require(Self.chromium, "OMNEO_BROWSER_TESTS=1 but chromium is not on PATH: run `make deps`")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = scratch.url.appendingPathComponent("chromium-\(UUID().uuidString)").path
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--user-data-dir=\(profile)",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        let log = scratch.url.appendingPathComponent("chromium-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let guardTimer = DispatchSource.makeTimerSource()
        guardTimer.schedule(deadline: .now() + 300)
        guardTimer.setEventHandler { if process.isRunning { process.terminate() } }
        guardTimer.resume()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guardTimer.cancel()
        let dom = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "chromium: \((try? String(contentsOf: log, encoding: .utf8))?.suffix(2000) ?? "")")
        return dom
    }

    /// `data-NAME="VALUE">TEXT<` pairs of the DOM, e.g. every outcome count.
    static func attributes(_ name: String, in dom: String) -> [String: String] {
        var result: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "data-\(name)=\"([^\"]*)\">([^<]*)<")
        for match in pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
            result[String(dom[Range(match.range(at: 1), in: dom)!])] = String(dom[Range(match.range(at: 2), in: dom)!])
        }
        return result
    }

    /// The problem rows of the DOM and whether each is shown.
    static func problemRows(_ dom: String) -> [(outcome: String, shown: Bool, text: String)] {
        let pattern = try! NSRegularExpression(pattern: "<tr class=\"problem [a-z]+\" data-outcome=\"([^\"]*)\"( hidden=\"\")?>(.*?)</tr>")
        return pattern.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)).map { match in
            (String(dom[Range(match.range(at: 1), in: dom)!]), match.range(at: 2).location == NSNotFound, String(dom[Range(match.range(at: 3), in: dom)!]))
        }
    }

    static func sandboxStats(_ sandbox: SandboxProcess) async throws -> [String: Any] {
        let base = sandbox.url.hasSuffix("/api") ? String(sandbox.url.dropLast(4)) : sandbox.url
        let (data, _) = try await URLSession.shared.data(from: URL(string: base + "/_sandbox/stats")!)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    @Test func thePageLoadsInChromiumWithTheJournalsCountsAFilterAndAScreenshot() async throws {
        let scratch = try Scratch()
        let state = scratch.url.appendingPathComponent("state")
        // The demo recipe and creators, plus a row whose followers value is a script: an `invalid` row whose
        // detail quotes it.
        let recipe = try String(contentsOf: Self.repository.appendingPathComponent("recipes/tag-influencers.lua"), encoding: .utf8)
        try scratch.write("recipe.lua", recipe)
        var creators = try String(contentsOf: Self.repository.appendingPathComponent("recipes/data/creators.csv"), encoding: .utf8)
        if !creators.hasSuffix("\n") { creators += "\n" }
        creators += "mallory@example.com,<script>document.title='pwned'</script>,@mallory\n"
        try scratch.write("creators.csv", creators)
        let sandbox = try SandboxProcess(arguments: ["--faults", "429=10%", "--fault-seed", "11"])
        let page = scratch.url.appendingPathComponent("out/run.html")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let run = try OmneoRunBinary.run(
            ["recipe.lua", "--arg", "file=creators.csv", "--html", page.path], in: scratch.url, environment: sandbox.environment(state: state)
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("page: \(page.path)\n"), "\(run.stderr)")
        let runID = try #require(run.stderr.split(separator: "\n").first?.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })

        // The journal's counts, as `show --json` gives them.
        let shown = try OmneoRunBinary.run(["show", runID, "--json"], environment: sandbox.environment(state: state))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let journalCounts = try #require(object["outcomes"] as? [String: Int])
        #expect(journalCounts["invalid", default: 0] >= 1 && journalCounts["added", default: 0] > 0, "\(journalCounts)")

        // Loaded as a person would open it, after its script ran.
        let dom = try Self.browser(["--dump-dom", page.absoluteString], scratch: scratch)
        let domCounts = Self.attributes("count", in: dom).compactMapValues(Int.init)
        #expect(domCounts == journalCounts)
        #expect(Self.attributes("field", in: dom)["tenant"] == "default")
        #expect(Self.attributes("field", in: dom)["base-url"] == sandbox.url)
        // The timeline's requests and 429s are the tenant's own count of what it was sent and answered 429.
        let stats = try await Self.sandboxStats(sandbox)
        let total = try #require((stats["total"] as? NSNumber)?.intValue)
        let throttled = ((stats["by_status"] as? [String: Any])?["429"] as? NSNumber)?.intValue ?? 0
        #expect(dom.contains("data-timeline-requests=\"\(total)\" data-timeline-throttled=\"\(throttled)\""), "total \(total), 429 \(throttled)")
        #expect(throttled > 0)
        // The CSV's script is text on the page: it never ran, and is shown escaped.
        #expect(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"))
        #expect(!dom.contains("<title>pwned</title>"))
        let problems = Self.problemRows(dom)
        let expectedProblems = ["failed", "not_found", "ambiguous", "invalid"].reduce(0) { $0 + journalCounts[$1, default: 0] }
        #expect(problems.count == expectedProblems && problems.allSatisfy(\.shown))
        #expect(dom.contains("data-visible=\"\(expectedProblems)\""))

        // Filtered by outcome (`missing` is not_found), then by outcome and text, through the address.
        let missing = try Self.browser(["--dump-dom", page.absoluteString + "#filter=missing"], scratch: scratch)
        let missingRows = Self.problemRows(missing)
        #expect(missingRows.count == expectedProblems)
        #expect(missingRows.filter(\.shown).count == journalCounts["not_found", default: 0])
        #expect(missingRows.filter(\.shown).allSatisfy { $0.outcome == "not_found" })
        #expect(missing.contains("data-visible=\"\(journalCounts["not_found", default: 0])\""))
        let searched = try Self.browser(["--dump-dom", page.absoluteString + "#outcome=invalid&q=mallory"], scratch: scratch)
        let searchedRows = Self.problemRows(searched).filter(\.shown)
        #expect(searchedRows.count == 1 && searchedRows.first?.text.contains("mallory@example.com") == true)
        #expect(searched.contains("data-visible=\"1\""))

        // A screenshot of the whole page: a PNG with something in it.
        let screenshot = scratch.url.appendingPathComponent("page.png")
        _ = try Self.browser(["--screenshot=\(screenshot.path)", "--window-size=1280,2000", "--hide-scrollbars", page.absoluteString], scratch: scratch)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 20_000, "\(png.count) bytes")
    }

    @Test func showWritesOnePageForSeveralRuns() throws {
        let scratch = try Scratch()
        let state = scratch.url.appendingPathComponent("state")
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: state)
        let recipes = Self.repository.appendingPathComponent("recipes")
        var ids: [String] = []
        for minimum in ["10000", "40000"] {
            let run = try OmneoRunBinary.run(["tag-influencers.lua", "--arg", "min_followers=\(minimum)"], in: recipes, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            ids.append(try #require(run.stderr.split(separator: "\n").first?.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }))
        }
        let page = scratch.url.appendingPathComponent("both.html")
        let shown = try OmneoRunBinary.run(["show"] + ids + ["--html", page.path], environment: environment)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout == "page: \(page.path)\n")
        let dom = try Self.browser(["--dump-dom", page.absoluteString], scratch: scratch)
        #expect(dom.components(separatedBy: "<tr class=\"run-row\"").count - 1 == 2)
        #expect(dom.components(separatedBy: "<section class=\"run\"").count - 1 == 2)
        for id in ids { #expect(dom.contains("<a href=\"#run-\(id)\">\(id)</a>")) }
        // Without --html, show takes one run.
        let refused = try OmneoRunBinary.run(["show"] + ids, environment: environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("several runs make one page with --html"))
    }
}

/// Debian's `chromium` on PATH, if installed.
enum Chromium {
    static var path: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
