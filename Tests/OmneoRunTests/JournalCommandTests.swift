// The run journal through the real binary against a standalone sandbox: runs killed with SIGKILL and
// resumed, undo and undo of an undo, and the cache that makes a repeated job cheap.
import Foundation
import Testing

/// Heavy (real processes at 500 requests/s, 40 s): `make test` runs this suite on its own after the rest,
/// with OMNEO_JOURNAL_TESTS=1, so it cannot starve the timing-sensitive suites that share the process.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct JournalCommandTests {
    static let recipe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../recipes").standardized

    /// A creators CSV over the demo tenant: `count` profiles not yet tagged, then rows of every other kind
    /// (already tagged, unknown email, invalid, duplicate), so every outcome is exercised.
    static func creators(count: Int, in scratch: Scratch) throws -> (path: String, rows: Int) {
        let fixture = recipe.appendingPathComponent("../Sources/OmneoSandbox/Fixtures/demo-tenant.json").standardized
        let tenant = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any]
        let profiles = tenant["profiles"] as! [[String: Any]]
        var seen: [String: Int] = [:]
        for profile in profiles { seen[(profile["email"] as? String ?? "").lowercased(), default: 0] += 1 }
        let unique = profiles.filter { seen[($0["email"] as? String ?? "").lowercased()] == 1 }
        let untagged = unique.filter { !(($0["statuses"] as? [String]) ?? []).contains("influencer") }.prefix(count)
        let tagged = unique.filter { (($0["statuses"] as? [String]) ?? []).contains("influencer") }.prefix(3)
        var lines = ["email,followers"]
        lines += untagged.enumerated().map { "\($1["email"] as! String),\(20000 + $0)" }
        lines += tagged.map { "\($0["email"] as! String),50000" }
        lines += ["nobody.here@example.com,30000", "not-an-email,30000", "\(untagged.first!["email"] as! String),30000"]
        try scratch.write("creators.csv", lines.joined(separator: "\n") + "\n")
        return ("creators.csv", lines.count - 1)
    }

    static func tag(_ file: String) -> [String] {
        [recipe.appendingPathComponent("tag-influencers.lua").path, "--arg", "file=\(file)", "--rate", "500", "-q"]
    }

    /// The report's rows (`row,key,email,profile_id,outcome,...`), sorted: `reports/<tenant>-<run id>.csv`.
    static func report(_ runID: String, state: URL) throws -> [String] {
        let folder = state.appendingPathComponent("omneo/reports")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix("-\(runID).csv") })
        let path = folder.appendingPathComponent(name)
        return try String(contentsOf: path, encoding: .utf8).split(separator: "\n").dropFirst().map(String.init).sorted()
    }

    static func latestRun(_ environment: [String: String]) throws -> String? {
        let runs = try OmneoRunBinary.run(["runs"], environment: environment)
        return runs.stdout.split(separator: "\n").first.flatMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func runsKilledAtTenMomentsResumeToTheCleanEndState() async throws {
        let scratch = try Scratch()
        let (csv, rows) = try Self.creators(count: 700, in: scratch)
        try await Self.killAndResume(Self.tag(csv), kills: 10, rows: rows, in: scratch)
    }

    /// With one lookup per email, each chunk of 250 goes out while the lookups go on: kills land in that
    /// overlap (lookups answered, chunks in flight, polls running), and resume still ends exact.
    @Test func killsWhileChunksGoOutBesideTheLookupsResumeToTheCleanEndState() async throws {
        let scratch = try Scratch()
        let (csv, rows) = try Self.creators(count: 700, in: scratch)
        try await Self.killAndResume(Self.tag(csv) + ["--resolve", "lookups"], kills: 5, rows: rows, in: scratch)
    }

    /// A recipe driven by `omneo.profiles.each`: the resumed run reads the pages the killed one read
    /// (the tenant's have changed since), so it reports the same rows.
    @Test func anEachDrivenRecipeKilledAndResumedEndsTheSame() async throws {
        let scratch = try Scratch()
        let recipe = Self.recipe.appendingPathComponent("demote-vips-without-spend.lua").path
        try await Self.killAndResume([recipe, "--arg", "min_spend=5000", "--rate", "500", "-q"], kills: 4, rows: nil, in: scratch)
    }

    /// A clean run on one sandbox, then `kills` runs on fresh sandboxes, each killed with SIGKILL at a
    /// random moment of its own share of the clean run's time and then resumed: every end state and every
    /// report must equal the clean run's.
    static func killAndResume(_ arguments: [String], kills: Int, rows: Int?, in scratch: Scratch) async throws {
        let clean = try SandboxProcess()
        let cleanState = scratch.url.appendingPathComponent("clean")
        let started = Date()
        let cleanRun = try OmneoRunBinary.run(arguments, in: scratch.url, environment: clean.environment(state: cleanState))
        let duration = Date().timeIntervalSince(started)
        #expect(cleanRun.status == 0, "\(cleanRun.stderr)")
        let expected = try await clean.statuses()
        let cleanID = try #require(try Self.latestRun(clean.environment(state: cleanState)))
        let expectedRows = try Self.report(cleanID, state: cleanState).map(Self.withoutDetailNoise)
        if let rows { #expect(expectedRows.count == rows) }
        #expect(!expectedRows.isEmpty)

        var interrupted = 0
        var generator = SplitMix(seed: UInt64(Date().timeIntervalSince1970))
        let seed = generator.state
        for moment in 0..<kills {
            // Stratified: one kill in each share of a clean run's time, at a random point of it.
            let delay = 0.05 + (duration - 0.05) * (Double(moment) + generator.unit()) / Double(kills)
            let sandbox = try SandboxProcess()
            let state = scratch.url.appendingPathComponent("kill-\(moment)")
            let environment = sandbox.environment(state: state)
            let killed = try Self.spawn(arguments, in: scratch.url, environment: environment)
            try await Task.sleep(for: .seconds(delay))
            kill(killed.processIdentifier, SIGKILL)
            killed.waitUntilExit()
            let context = "kill \(moment + 1) at \(String(format: "%.2f", delay)) s of \(String(format: "%.2f", duration)) s (seed \(seed))"
            guard let runID = try Self.latestRun(environment) else {
                // Killed before the run was journaled: then it cannot have written anything either.
                #expect(try await sandbox.writeCount() == 0, "writes without a journaled run: \(context)")
                continue
            }
            // Finished is what the journal says, not how the process died: a kill can land after the run
            // recorded its end and before the process exited (likelier now that a scan makes runs short).
            let listed = try OmneoRunBinary.run(["runs"], environment: environment).stdout
            let finished = listed.split(separator: "\n").first?.contains("  done  ") == true
            let resumed = try OmneoRunBinary.run(["resume", runID, "--rate", "500", "-q"], environment: environment)
            if finished {
                // It finished before the kill landed: nothing to resume, and that is said.
                #expect(resumed.status == 2 && resumed.stderr.contains("nothing to resume"), "\(context): \(resumed.stderr)")
            } else {
                interrupted += 1
                #expect(resumed.status == 0, "\(context): \(resumed.stderr)")
            }
            let differences = Self.differences(try await sandbox.statuses(), expected)
            #expect(differences.isEmpty, "end state differs on \(differences.count) profiles, e.g. \(differences.prefix(3)): \(context)")
            let resumedRows = try Self.report(runID, state: state).map(Self.withoutDetailNoise)
            #expect(resumedRows == expectedRows, "row outcomes differ: \(context)")
        }
        // The kills are spread over the whole run: nearly all of them land before it ends.
        #expect(interrupted >= kills * 3 / 4, "only \(interrupted) of \(kills) kills interrupted the run (seed \(seed))")
    }

    /// The report rows, as `row,key,email,profile_id,outcome,change`: details may word timing (they do not here,
    /// but keep it robust).
    static func withoutDetailNoise(_ line: String) -> String {
        line.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",")
    }

    static func spawn(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.currentDirectoryURL = directory
        process.executableURL = URL(fileURLWithPath: OmneoRunBinary.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func undoRestoresTheExactStatusesBeforeTheRunAndUndoOfUndoReappliesIt() async throws {
        let scratch = try Scratch()
        let (csv, _) = try Self.creators(count: 120, in: scratch)
        try scratch.write("vips.csv", "email\n" + (try Self.vipEmails(40)).joined(separator: "\n") + "\n")
        let vipCSV = "vips.csv"
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let before = try await sandbox.statuses()

        #expect(try OmneoRunBinary.run(Self.tag(csv), in: scratch.url, environment: environment).status == 0)
        let tagRun = try #require(try Self.latestRun(environment))
        let removeArguments = [Self.recipe.appendingPathComponent("remove-status.lua").path, "--arg", "status=vip", "--arg", "file=\(vipCSV)", "--rate", "500", "-q"]
        #expect(try OmneoRunBinary.run(removeArguments, in: scratch.url, environment: environment).status == 0)
        let removeRun = try #require(try Self.latestRun(environment))
        let changed = try await sandbox.statuses()
        #expect(Self.differences(changed, before).count >= 120)

        let plan = try OmneoRunBinary.run(["undo", removeRun, "--dry-run", "--rate", "500", "-q"], environment: environment)
        #expect(plan.status == 0 && plan.stderr.contains("would re-add 'vip' on 40 profiles"), "\(plan.stderr)")
        #expect(Self.differences(try await sandbox.statuses(), changed).isEmpty)

        let undoRemove = try OmneoRunBinary.run(["undo", removeRun, "--rate", "500", "-q"], environment: environment)
        #expect(undoRemove.status == 0 && undoRemove.stderr.contains("re-added 'vip' on 40 profiles"), "\(undoRemove.stderr)")
        let undoTag = try OmneoRunBinary.run(["undo", tagRun, "--rate", "500", "-q"], environment: environment)
        #expect(undoTag.status == 0 && undoTag.stderr.contains("removed 'influencer' on 120 profiles"), "\(undoTag.stderr)")
        let restored = Self.differences(try await sandbox.statuses(), before)
        #expect(restored.isEmpty, "not restored: \(restored.prefix(5))")

        let undoOfUndo = try #require(try Self.latestRun(environment))
        let again = try OmneoRunBinary.run(["undo", undoOfUndo, "--rate", "500", "-q"], environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        // Undoing the undo of the tag run tags the same 120 profiles again; the vips stay restored.
        let reapplied = Self.differences(try await sandbox.statuses(), before)
        #expect(reapplied.count == 120 && reapplied.allSatisfy { $0.now.contains("influencer") && !$0.then.contains("influencer") })

        let show = try OmneoRunBinary.run(["show", tagRun], environment: environment)
        #expect(show.status == 0 && show.stdout.contains("rows: added 120"), "\(show.stdout)")
        let refused = try OmneoRunBinary.run(["resume", tagRun], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("finished (exit 0): there is nothing to resume"))
    }

    /// Profiles whose statuses differ between two snapshots: (id, now, then).
    static func differences(_ now: [String: [String]], _ then: [String: [String]]) -> [(id: String, now: [String], then: [String])] {
        Set(now.keys).union(then.keys).sorted().compactMap { id in
            now[id] == then[id] ? nil : (id, now[id] ?? [], then[id] ?? [])
        }
    }

    static func vipEmails(_ count: Int) throws -> [String] {
        let fixture = recipe.appendingPathComponent("../Sources/OmneoSandbox/Fixtures/demo-tenant.json").standardized
        let profiles = (try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any])["profiles"] as! [[String: Any]]
        var seen: [String: Int] = [:]
        for profile in profiles { seen[(profile["email"] as? String ?? "").lowercased(), default: 0] += 1 }
        return profiles.filter { seen[($0["email"] as? String ?? "").lowercased()] == 1 && (($0["statuses"] as? [String]) ?? []).contains("vip") }
            .prefix(count).map { $0["email"] as! String }
    }

    /// With lookups (a scan of the 3,012-profile demo tenant would be cheaper still, and is what `auto`
    /// picks: see EmailResolverTests), the cache's saving shows: a second run asks no email again.
    @Test func aSecondRunOfTheSameJobSendsAtMostFivePercentOfTheFirstRunsRequests() async throws {
        let scratch = try Scratch()
        let (csv, _) = try Self.creators(count: 400, in: scratch)
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let start = try await sandbox.requestCount()
        let tag = Self.tag(csv) + ["--resolve", "lookups"]
        #expect(try OmneoRunBinary.run(tag, in: scratch.url, environment: environment).status == 0)
        let first = try await sandbox.requestCount() - start
        #expect(try OmneoRunBinary.run(tag, in: scratch.url, environment: environment).status == 0)
        let second = try await sandbox.requestCount() - start - first
        #expect(first > 400)
        #expect(Double(second) <= 0.05 * Double(first), "first run \(first) requests, second \(second)")
        let secondRun = try #require(try Self.latestRun(environment))
        let show = try OmneoRunBinary.run(["show", secondRun], environment: environment)
        #expect(show.stdout.contains("ensured 403"), "\(show.stdout)")  // ids from the cache: statuses not read, batch sent

        // --cache-ttl 0 asks again.
        let fresh = try OmneoRunBinary.run(tag + ["--cache-ttl", "0"], in: scratch.url, environment: environment)
        #expect(fresh.status == 0)
        #expect(try await sandbox.requestCount() - start - first - second > 400)
    }

    @Test func aRunStillGoingIsNeitherResumedNorUndone() async throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("busy.lua", "omneo.statuses.list()\nlocal t = os.clock()\nwhile os.clock() - t < 20 do end\n")
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let busy = try Self.spawn([recipe, "-q"], in: scratch.url, environment: environment)
        defer { kill(busy.processIdentifier, SIGKILL) }
        var listed = ""
        for _ in 0..<100 where !listed.contains("running") {
            try await Task.sleep(for: .milliseconds(100))
            listed = try OmneoRunBinary.run(["runs"], environment: environment).stdout
        }
        #expect(listed.contains("  running  "), "\(listed)")
        let runID = try #require(try Self.latestRun(environment))
        let resume = try OmneoRunBinary.run(["resume", runID], environment: environment)
        #expect(resume.status == 2 && resume.stderr.contains("is still running (process \(busy.processIdentifier))"), "\(resume.stderr)")
        let undo = try OmneoRunBinary.run(["undo", runID], environment: environment)
        #expect(undo.status == 2 && undo.stderr.contains("is still running"), "\(undo.stderr)")
        kill(busy.processIdentifier, SIGKILL)
        busy.waitUntilExit()
        #expect(try OmneoRunBinary.run(["runs"], environment: environment).stdout.contains("  interrupted  "))
    }

    @Test func aChangedRecipeIsResumedOnlyWithForce() async throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("fails.lua", "omneo.statuses.list()\nerror('stop here')\n")
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let failed = try OmneoRunBinary.run([recipe, "-q"], environment: environment)
        #expect(failed.status == 1)
        let runID = try #require(try Self.latestRun(environment))
        try scratch.write("fails.lua", "omneo.statuses.list()\nomneo.report.row('fixed', 'skipped')\n")
        let refused = try OmneoRunBinary.run(["resume", runID], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("changed since run \(runID)"), "\(refused.stderr)")
        let forced = try OmneoRunBinary.run(["resume", runID, "--force", "-q"], environment: environment)
        #expect(forced.status == 0, "\(forced.stderr)")
        let runs = try OmneoRunBinary.run(["runs"], environment: environment)
        #expect(runs.stdout.contains("done after 2 attempts  skipped 1"), "\(runs.stdout)")
    }
}

/// A small seeded generator: the kill moments of a failing run can be replayed from the seed it prints.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
