// `runs`, `show`, `undo` and `runs --prune` through the real binary against a standalone sandbox: what each
// write changed, a run's arguments and undo, the filters, and what pruning keeps (issue 18, point 7).
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct JournalListingCommandTests {
    static let recipes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../recipes").standardized

    static func run(_ arguments: [String], in directory: URL? = nil, _ environment: [String: String]) throws -> BinaryResult {
        try OmneoRunBinary.run(arguments, in: directory, environment: environment)
    }

    /// The id of the newest run `runs` lists with these extra arguments.
    static func latest(_ environment: [String: String], _ extra: [String] = []) throws -> String {
        let listed = try run(["runs"] + extra, environment)
        return try #require(listed.stdout.split(separator: "\n").first.flatMap { $0.split(separator: " ").first.map(String.init) }, "\(listed.stderr)")
    }

    static func line(of id: String, _ environment: [String: String], _ extra: [String] = []) throws -> String? {
        try run(["runs"] + extra, environment).stdout.split(separator: "\n").map(String.init).first { $0.hasPrefix(id) }
    }

    @Test func showSaysWhatEachWriteChangedAndRunsShowsTheArgumentsAndTheUndo() throws {
        let sandbox = try SandboxProcess()
        let scratch = try Scratch()
        let environment = sandbox.environment(state: scratch.url)
        let arguments = ["assign-status.lua", "--arg", "status=partner", "--arg", "file=data/vip-campaign.csv", "--rate", "200", "-q"]
        let assigned = try Self.run(arguments, in: Self.recipes, environment)
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let id = try Self.latest(environment)
        let show = try Self.run(["show", id], environment)
        #expect(show.stdout.contains("writes: 1 (attach): finished 1\n  1. add 'partner' to 80 profiles: done: 80 applied\n"), "\(show.stdout)")
        let line = try #require(try Self.line(of: id, environment))
        #expect(line.contains("  assign-status.lua status=partner file=data/vip-campaign.csv  "), "\(line)")
        #expect(line.contains("  done  added 79, "), "\(line)")

        let undo = try Self.run(["undo", id], environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        let undoID = try Self.latest(environment)
        #expect(undoID != id)
        #expect(try Self.line(of: id, environment)?.contains("  done, undone by \(undoID)  ") == true)
        #expect(try Self.run(["show", id], environment).stdout.contains("undone by \(undoID) (`omneo-run show \(undoID)`)\n"))
        let json = try #require(try Self.run(["runs", "--json"], environment).stdout.split(separator: "\n").first { $0.contains("\"id\":\"\(id)\"") })
        #expect(json.contains("\"undone_by\":\"\(undoID)\"") && json.contains("\"undo_state\":\"done\""), "\(json)")
        let undoShow = try Self.run(["show", undoID, "--json"], environment).stdout
        #expect(undoShow.contains("\"change\":\"remove 'partner' from 79 profiles\""), "\(undoShow)")
    }

    /// Today's complaint: "1 profile write(s)" for 20 created profiles.
    @Test func undoSaysHowManyProfilesWereCreatedOrUpdatedAndNotUndone() throws {
        let sandbox = try SandboxProcess()
        let scratch = try Scratch()
        let environment = sandbox.environment(state: scratch.url)
        try scratch.write("create.lua", """
            for i = 1, 20 do
              assert(omneo.profiles.create{ email = ("new%02d@create.example.com"):format(i), first_name = "New" })
            end
            """)
        #expect(try Self.run(["create.lua", "--rate", "200", "-q"], in: scratch.url, environment).status == 0)
        let id = try Self.latest(environment)
        let show = try Self.run(["show", id, "--writes", "2"], environment).stdout
        #expect(show.contains("writes: 20 (create): finished 20\n  1. create a profile ("), "\(show)")
        #expect(show.contains("  ... and 18 more (`--writes 20` lists them all)\n"), "\(show)")
        let undo = try Self.run(["undo", id], environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stderr.contains("20 profiles created and 0 updated by this run are not undone: undo takes back statuses, tags, identities and custom attributes, not creates or field updates\n"), "\(undo.stderr)")

        #expect(try Self.run([Self.recipes.appendingPathComponent("import-profiles.lua").path, "--rate", "200", "-q"], in: Self.recipes, environment).status == 0)
        let imported = try Self.run(["undo", try Self.latest(environment, ["--recipe", "import-profiles"])], environment)
        #expect(imported.stderr.contains("3 profiles created and 4 updated by this run are not undone"), "\(imported.stderr)")
    }

    @Test func runsNarrowsByTenantTimeAndRecipeAndHidesSandboxRunsUnlessAll() throws {
        let sandbox = try SandboxProcess()
        let scratch = try Scratch()
        let environment = sandbox.environment(state: scratch.url)
        try scratch.write("one.lua", "omneo.statuses.list()\n")
        try scratch.write("two.lua", "omneo.statuses.list()\n")
        #expect(try Self.run(["one.lua", "-q"], in: scratch.url, environment).status == 0)
        let one = try Self.latest(environment)
        #expect(try Self.run(["two.lua", "-q", "--sandbox"], in: scratch.url, environment).status == 0)
        let two = try Self.latest(environment, ["--all"])
        #expect(one != two)
        func ids(_ extra: [String]) throws -> [String] {
            try Self.run(["runs"] + extra, environment).stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        }
        #expect(try ids([]) == [one])
        #expect(try ids(["--all"]) == [two, one])
        #expect(try ids(["--all", "--recipe", "two"]) == [two])
        #expect(try ids(["--recipe", "one.lua"]) == [one])
        #expect(try ids(["--recipe", scratch.url.appendingPathComponent("one.lua").path]) == [one])
        #expect(try ids(["--recipe", "three"]).isEmpty)
        #expect(try ids(["--all", "--tenant", "sandbox"]) == [two])
        #expect(try ids(["--tenant", "default", "--since", "1h"]) == [one])
        #expect(try ids(["--all", "--since", "2999-01-01"]).isEmpty)
        #expect(try ids(["--all", "--since", "2000-01-01 00:00"]) == [two, one])
        let empty = try Self.run(["runs", "--recipe", "three"], environment)
        #expect(empty.stderr.contains("of recipe three") && empty.stderr.contains("--all"), "\(empty.stderr)")
        let bad = try Self.run(["runs", "--since", "yesterday"], environment)
        #expect(bad.status == 2 && bad.stderr.contains("--since expects a date (2026-12-01 or 2026-12-01 17:20, UTC) or an age with its unit"), "\(bad.stderr)")
        #expect(try Self.run(["runs", "--prune", "1d", "--since", "1h"], environment).status == 2)
    }

    /// A run still going and one interrupted after it began writing are kept (resume or undo them first);
    /// everything else older than the cutoff goes, with the reports omneo-run filed.
    @Test func pruneRemovesOldRunsButKeepsOnesStillGoingOrInterruptedMidWrite() async throws {
        let sandbox = try SandboxProcess()
        let scratch = try Scratch()
        let environment = sandbox.environment(state: scratch.url)
        try scratch.write("done.lua", "omneo.statuses.list()\n")
        #expect(try Self.run(["done.lua", "-q"], in: scratch.url, environment).status == 0)
        let finished = try Self.latest(environment)
        let report = scratch.url.appendingPathComponent("omneo/reports/\(finished).csv").path
        try scratch.write("forever.lua", """
            local p = assert(omneo.profiles.find_one{ email = "william.thompson0@example.com" })
            omneo.profile_statuses.add({ p.id }, { "partner" }):wait()
            while true do end
            """)
        let forever = try JournalCommandTests.spawn(["forever.lua"], in: scratch.url, environment: environment)
        defer { if forever.isRunning { kill(forever.processIdentifier, SIGKILL) } }
        // Waits for the journal to show the write finished; the run then loops until killed.
        var writing: String?
        for _ in 0..<600 where writing == nil {
            try await Task.sleep(for: .milliseconds(100))
            if let id = try? Self.latest(environment, ["--recipe", "forever"]),
               try Self.run(["show", id], environment).stdout.contains("1. add 'partner' to 1 profile: done: 1 applied") {
                writing = id
            }
        }
        let id = try #require(writing, "the run never showed its write")

        let running = try Self.run(["runs", "--prune", "0s"], environment)
        #expect(running.status == 0, "\(running.stderr)")
        #expect(running.stdout.contains("removed \(finished)  default ("), "\(running.stdout)")
        #expect(running.stdout.contains("kept \(id): still running (process \(forever.processIdentifier))"), "\(running.stdout)")
        #expect(running.stdout.contains("pruned 1 run started before "), "\(running.stdout)")
        #expect(!FileManager.default.fileExists(atPath: report))
        #expect(try Self.run(["show", finished], environment).status == 2)

        kill(forever.processIdentifier, SIGKILL)
        forever.waitUntilExit()
        let interrupted = try Self.run(["runs", "--prune", "0s"], environment)
        #expect(interrupted.stdout.contains("kept \(id): interrupted after it began writing: `omneo-run resume \(id)` finishes it"), "\(interrupted.stdout)")
        #expect(interrupted.stdout.contains("nothing pruned"), "\(interrupted.stdout)")

        #expect(try Self.run(["undo", id, "-q"], environment).status == 0)
        let undone = try Self.run(["runs", "--prune", "0s"], environment)
        #expect(undone.stdout.contains("removed \(id)  ") && undone.stdout.contains("pruned 2 runs"), "\(undone.stdout)")
        #expect(try Self.run(["runs", "--all"], environment).stdout.isEmpty)
    }
}
