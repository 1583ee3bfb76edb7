// Ctrl-C through the real binary against a standalone sandbox: SIGINT sent to a run once it is writing
// stops it at the next safe point (nothing sent after it, what was in flight answered and journaled, exit
// 130, the way back printed), a second SIGINT ends it at once; `resume` then ends exact, keeping the run's
// own pace and cache window; `last` and `last~1` name runs; `resume --help` offers only what a resume takes.
import Foundation
import Testing

/// Real processes slowed down to be mid-run when the signal lands: with OMNEO_JOURNAL_TESTS=1, and `make
/// test` runs it on its own after the journal suites (beside them it slowed the clean run the kill test
/// spreads its kills over, so kills landed after the end).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct InterruptCommandTests {
    static func tag(_ file: String, _ extra: [String]) -> [String] {
        [JournalCommandTests.recipe.appendingPathComponent("tag-influencers.lua").path, "--arg", "file=\(file)", "--resolve", "lookups"] + extra
    }

    /// A clean run's end state and report rows, on a sandbox of its own.
    static func cleanRun(_ arguments: [String], in scratch: Scratch) async throws -> (statuses: [String: [String]], rows: [String]) {
        let sandbox = try SandboxProcess()
        let state = scratch.url.appendingPathComponent("clean")
        let run = try OmneoRunBinary.run(arguments, in: scratch.url, environment: sandbox.environment(state: state))
        #expect(run.status == 0, "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(sandbox.environment(state: state)))
        return (try await sandbox.statuses(), try JournalCommandTests.report(runID, state: state).map(JournalCommandTests.withoutDetailNoise))
    }

    /// The number of writes `show` lists for a run, and whether any is still an intent (sent, no answer).
    static func journaledWrites(_ runID: String, _ environment: [String: String]) throws -> (count: Int, unanswered: Bool, show: String) {
        let show = try OmneoRunBinary.run(["show", runID], environment: environment).stdout
        let line = show.split(separator: "\n").first { $0.hasPrefix("writes: ") } ?? ""
        let count = Int(line.dropFirst("writes: ".count).prefix { $0.isNumber }) ?? 0
        return (count, line.contains("intent"), show)
    }

    @Test func ctrlCStopsAtTheNextSafePointAndResumeEndsExact() async throws {
        let scratch = try Scratch()
        let (csv, rows) = try JournalCommandTests.creators(count: 700, in: scratch)
        let clean = try await Self.cleanRun(Self.tag(csv, ["--rate", "500", "-q"]), in: scratch)
        #expect(clean.rows.count == rows)

        // 60 lookups a second: the first chunk of 250 goes out after about 4 s, with 450 emails still to ask.
        let sandbox = try SandboxProcess(arguments: ["--latency", "20"])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try RunningProcess(Self.tag(csv, ["--rate", "60", "-q"]), in: scratch.url, environment: environment)
        #expect(try await eventually { try await sandbox.writeCount() > 0 }, "no write started: \(run.stderr)")
        run.signal(SIGINT)
        let (status, stderr) = run.wait()
        #expect(status == 130, "\(stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(stderr.contains("omneo-run: stopping: no new request is sent"), "\(stderr)")
        #expect(stderr.contains("omneo-run: stopped: interrupted (Ctrl-C)"), "\(stderr)")
        #expect(stderr.contains("\nresume: omneo-run resume \(runID)\n") && stderr.contains("\nundo: omneo-run undo \(runID)\n"), "\(stderr)")

        // Every write the tenant got is journaled with its answer; none went out after the stop.
        let writes = try Self.journaledWrites(runID, environment)
        #expect(writes.show.contains("ended: stopped (exit 130)"), "\(writes.show)")
        #expect(!writes.unanswered, "\(writes.show)")
        #expect(writes.count == (try await sandbox.writeCount()), "\(writes.show)")
        #expect(try await sandbox.statuses() != clean.statuses, "the run was not stopped halfway")

        let resumed = try OmneoRunBinary.run(["resume", runID, "--rate", "500", "-q"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let differences = JournalCommandTests.differences(try await sandbox.statuses(), clean.statuses)
        #expect(differences.isEmpty, "end state differs on \(differences.count) profiles, e.g. \(differences.prefix(3))")
        #expect(try JournalCommandTests.report(runID, state: scratch.url.appendingPathComponent("state")).map(JournalCommandTests.withoutDetailNoise) == clean.rows)
    }

    @Test func aSecondCtrlCStopsAtOnceAndResumeStillEndsExact() async throws {
        let scratch = try Scratch()
        let (csv, _) = try JournalCommandTests.creators(count: 300, in: scratch)
        let clean = try await Self.cleanRun(Self.tag(csv, ["--rate", "500", "-q"]), in: scratch)
        // Answers take 1.5 s: the first stop waits that long for what is in flight, and the second comes first.
        let sandbox = try SandboxProcess(arguments: ["--latency", "1500"])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try RunningProcess(Self.tag(csv, ["--rate", "500", "-q"]), in: scratch.url, environment: environment)
        #expect(try await eventually { try await sandbox.writeCount() > 0 }, "no write started: \(run.stderr)")
        run.signal(SIGINT)
        #expect(try await run.waitFor("omneo-run: stopping:"), "\(run.stderr)")
        run.signal(SIGINT)
        let (status, stderr) = run.wait()
        #expect(status == 130, "\(stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(stderr.contains("omneo-run: stopped at once (second Ctrl-C)") && stderr.contains("resume: omneo-run resume \(runID)"), "\(stderr)")
        let runs = try OmneoRunBinary.run(["runs"], environment: environment).stdout
        #expect(runs.split(separator: "\n").first?.contains("  interrupted  ") == true, "\(runs)")

        let resumed = try OmneoRunBinary.run(["resume", runID, "-q"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let differences = JournalCommandTests.differences(try await sandbox.statuses(), clean.statuses)
        #expect(differences.isEmpty, "end state differs on \(differences.count) profiles, e.g. \(differences.prefix(3))")
        #expect(try JournalCommandTests.report(runID, state: scratch.url.appendingPathComponent("state")).map(JournalCommandTests.withoutDetailNoise) == clean.rows)
    }

    /// `--cache-ttl 0` and `--rate 60`, given to the run only, hold for its resume: the emails it had not
    /// asked yet are asked of the tenant (no `ensured` row, which a cached id would give), at 60 a second.
    @Test func resumeKeepsTheRunsRateAndCacheWindow() async throws {
        let scratch = try Scratch()
        let (csv, _) = try JournalCommandTests.creators(count: 400, in: scratch)
        let sandbox = try SandboxProcess(arguments: ["--latency", "20"])
        let state = scratch.url.appendingPathComponent("state")
        let environment = sandbox.environment(state: state)
        // Fills the lookup cache: every email was answered within the last 24 h.
        #expect(try OmneoRunBinary.run(Self.tag(csv, ["--rate", "500", "-q"]), in: scratch.url, environment: environment).status == 0)
        let before = try await sandbox.writeCount()

        let run = try RunningProcess(Self.tag(csv, ["--rate", "60", "--cache-ttl", "0", "-q"]), in: scratch.url, environment: environment)
        #expect(try await eventually { try await sandbox.writeCount() > before }, "no write started: \(run.stderr)")
        run.signal(SIGINT)
        #expect(run.wait().status == 130)
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let show = try OmneoRunBinary.run(["show", runID], environment: environment).stdout
        #expect(show.contains("options: --rate 60 --concurrency 64 --cache-ttl 0 --resolve lookups"), "\(show)")

        let resumed = try OmneoRunBinary.run(["resume", runID, "-v"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("debug: pace: 60 requests/s, at most 64 in flight; email lookups reused when younger than 0 (--cache-ttl)"), "\(resumed.stderr.prefix(2000))")
        let rows = try JournalCommandTests.report(runID, state: state)
        #expect(!rows.contains { $0.contains(",ensured,") }, "a resumed email came from the cache: \(rows.filter { $0.contains(",ensured,") }.prefix(3))")
        #expect(rows.count(where: { $0.contains(",already_present,") }) == 403, "\(rows.prefix(5))")
    }

    @Test func lastAndLastTildeOneNameTheNewestRunsInShowResumeAndUndo() async throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("list.lua", "omneo.statuses.list()\nomneo.report.row('x', 'skipped')\n")
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        #expect(try OmneoRunBinary.run([recipe, "-q"], environment: environment).status == 0)
        let first = try #require(try JournalCommandTests.latestRun(environment))
        #expect(try OmneoRunBinary.run([recipe, "-q"], environment: environment).status == 0)
        let second = try #require(try JournalCommandTests.latestRun(environment))
        #expect(first != second)

        #expect(try OmneoRunBinary.run(["show", "last"], environment: environment).stdout.hasPrefix("run \(second)\n"))
        #expect(try OmneoRunBinary.run(["show", "last~1"], environment: environment).stdout.hasPrefix("run \(first)\n"))
        let beyond = try OmneoRunBinary.run(["show", "last~2"], environment: environment)
        #expect(beyond.status == 2 && beyond.stderr.contains("no run 'last~2'"), "\(beyond.stderr)")
        let resume = try OmneoRunBinary.run(["resume", "last"], environment: environment)
        #expect(resume.status == 2 && resume.stderr.contains("run \(second) finished (exit 0): there is nothing to resume"), "\(resume.stderr)")
        let undo = try OmneoRunBinary.run(["undo", "last~1", "-q"], environment: environment)
        #expect(undo.status == 0 && undo.stderr.contains("undo of run \(first)"), "\(undo.stderr)")
        #expect(try OmneoRunBinary.run(["show", "last"], environment: environment).stdout.hasPrefix("run "), "the undo is the newest run now")
        #expect(try OmneoRunBinary.run(["show", "last~2"], environment: environment).stdout.hasPrefix("run \(first)\n"))
    }

    @Test func resumeHelpOffersOnlyWhatAResumeTakes() throws {
        let help = try OmneoRunBinary.run(["resume", "--help"])
        for flag in ["--rate", "--concurrency", "--cache-ttl", "--allow-read", "--lib", "--force", "--yes", "--timeout", "-q", "-v"] {
            #expect(help.stdout.contains(flag), "\(flag) missing: \(help.stdout)")
        }
        for flag in ["--arg", "--tenant", "--sandbox", "--dry-run", "--report"] {
            #expect(!help.stdout.contains(flag), "\(flag) offered: \(help.stdout)")
        }
    }
}
