// Saying where before anything happens, through the real binary: the first line of a run, a resume and an
// undo; the question before the first write to a live tenant, answered on a real pseudo-terminal; --yes;
// and a repeated --tenant, which is refused rather than reduced to one of its values.
import Foundation
import Testing

@Suite(.serialized)
struct FirstWriteCommandTests {
    static let recipes = JournalCommandTests.recipe

    /// `assign-status.lua` adding `vip` to `count` demo profiles that lack it, against a standalone sandbox
    /// (a tenant omneo-run reaches like any other, through OMNEO_BASE_URL): the arguments, the people, the
    /// sandbox and the environment of a run against it.
    static func job(_ count: Int, in scratch: Scratch) throws -> (arguments: [String], people: [(id: String, email: String)], sandbox: SandboxProcess, environment: [String: String]) {
        let people = try TenantSafetyCommandTests.withoutVIP(count)
        let file = try TenantSafetyCommandTests.csv(people, in: scratch)
        let sandbox = try SandboxProcess()
        let arguments = [recipes.appendingPathComponent("assign-status.lua").path, "--arg", "status=vip", "--arg", "file=\(file)", "--rate", "500"]
        return (arguments, people, sandbox, sandbox.environment(state: scratch.url.appendingPathComponent("state")))
    }

    static func holdVIP(_ people: [(id: String, email: String)], _ sandbox: SandboxProcess) async throws -> Int {
        let now = try await sandbox.statuses()
        return people.count(where: { (now[$0.id] ?? []).contains("vip") })
    }

    @Test func theFirstLineNamesRunRecipeTenantAndModeBeforeAnyRequest() async throws {
        let scratch = try Scratch()
        let (arguments, _, sandbox, environment) = try Self.job(5, in: scratch)
        let run = try OmneoRunBinary.run(arguments + ["-v"], in: scratch.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "run \(runID): \(arguments[0]) on tenant default (\(sandbox.url)); writes are sent", "\(run.stderr)")
        // -v logs every request: none before that line.
        #expect(lines.dropFirst().contains { $0.hasPrefix("debug: GET ") })

        let dry = try OmneoRunBinary.run(arguments + ["--dry-run"], in: scratch.url, environment: environment)
        let dryID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(dry.stderr.hasPrefix("run \(dryID): \(arguments[0]) on tenant default (\(sandbox.url)); dry run, nothing is written\n"), "\(dry.stderr)")

        let undo = try OmneoRunBinary.run(["undo", runID, "-v"], environment: environment)
        let undoID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(undo.stderr.hasPrefix("undo of run \(runID) (run \(undoID)) on tenant default (\(sandbox.url)); writes are sent\n"), "\(undo.stderr)")

        let builtIn = try OmneoRunBinary.run([Self.recipes.appendingPathComponent("tag-influencers.lua").path, "--sandbox", "--dry-run", "-q"])
        let first = builtIn.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("run ") && first.contains("tag-influencers.lua on the built-in sandbox tenant (http://127.0.0.1:"), "\(builtIn.stderr)")
        #expect(first.hasSuffix(", demo data); dry run, nothing is written"), "\(first)")
    }

    /// A repeated --tenant is a fan-out over both (FanOutCommandTests); one it does not know is a usage error
    /// before any tenant is asked anything, never a run on the other alone.
    @Test func aRepeatedTenantThatIsNotConfiguredIsAUsageErrorNotARunOnTheOther() throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("list.lua", "omneo.statuses.list()\n")
        try scratch.write("config/omneo/tenants.toml", "[tenants.brand-a]\nbase_url = \"http://127.0.0.1:9/api\"\ntoken_env = \"T\"\n")
        let environment = ["XDG_CONFIG_HOME": scratch.url.appendingPathComponent("config").path, "OMNEO_BASE_URL": "", "OMNEO_TOKEN": "", "OMNEO_TENANT": "", "OMNEO_CONFIG": "", "T": "x"]
        let result = try OmneoRunBinary.run([recipe, "--tenant", "brand-a", "--tenant", "brand-b"], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown tenant 'brand-b' in "), "\(result.stderr)")
        #expect(result.stderr.contains("; configured: brand-a"), "\(result.stderr)")
        #expect(!result.stderr.contains("[brand-a]"), "\(result.stderr)")
    }

    @Test func onATerminalTheFirstWriteWaitsForYesAndThenWrites() async throws {
        let scratch = try Scratch()
        let (arguments, people, sandbox, environment) = try Self.job(40, in: scratch)
        let terminal = try TerminalProcess(arguments, in: scratch.url, environment: environment)
        let question = "add 'vip' to 40 profiles on default (\(sandbox.url))? [y/N] "
        #expect(terminal.read(until: question), "\(terminal.transcript)")
        #expect(try await sandbox.writeCount() == 0, "a write went out before the answer")
        terminal.type("y\n")
        #expect(terminal.finish() == 0, "\(terminal.transcript)")
        #expect(try await Self.holdVIP(people, sandbox) == 40)
        #expect(terminal.transcript.components(separatedBy: "[y/N]").count == 2, "asked more than once: \(terminal.transcript)")

        // Undo asks too, for both of its writes at once; `last` names the run.
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let undo = try TerminalProcess(["undo", "last"], environment: environment)
        #expect(undo.read(until: "undo run \(runID): remove 'vip' from 40 profiles on default (\(sandbox.url))? [y/N] "), "\(undo.transcript)")
        undo.type("yes\n")
        #expect(undo.finish() == 0, "\(undo.transcript)")
        #expect(try await Self.holdVIP(people, sandbox) == 0)
    }

    @Test(arguments: ["n", "", "yess"])
    func onATerminalAnythingButYesStopsBeforeTheFirstWrite(_ answer: String) async throws {
        let scratch = try Scratch()
        let (arguments, people, sandbox, environment) = try Self.job(12, in: scratch)
        let terminal = try TerminalProcess(arguments, in: scratch.url, environment: environment)
        #expect(terminal.read(until: "add 'vip' to 12 profiles on default (\(sandbox.url))? [y/N] "), "\(terminal.transcript)")
        terminal.type(answer + "\n")
        #expect(terminal.finish() == 5, "\(terminal.transcript)")
        #expect(try await sandbox.writeCount() == 0)
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(terminal.transcript.contains("omneo-run: stopped: the first write was not confirmed"), "\(terminal.transcript)")
        #expect(terminal.transcript.contains("resume: omneo-run resume \(runID)"), "\(terminal.transcript)")
        let runs = try OmneoRunBinary.run(["runs"], environment: environment)
        let listed = runs.stdout.split(separator: "\n").first { $0.hasPrefix(runID) } ?? ""
        #expect(listed.contains("  stopped"), "\(runs.stdout)")
        // Off a terminal nothing is asked: the resume just writes.
        let resumed = try OmneoRunBinary.run(["resume", runID, "-q"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("[y/N]"))
        #expect(try await Self.holdVIP(people, sandbox) == 12)

        // An undo stops the same way, and says how to finish it.
        let writes = try await sandbox.writeCount()
        let undo = try TerminalProcess(["undo", runID], environment: environment)
        #expect(undo.read(until: "undo run \(runID): remove 'vip' from 12 profiles on default (\(sandbox.url))? [y/N] "), "\(undo.transcript)")
        undo.type(answer + "\n")
        #expect(undo.finish() == 5, "\(undo.transcript)")
        #expect(undo.transcript.contains("finish: omneo-run undo \(runID)"), "\(undo.transcript)")
        #expect(try await sandbox.writeCount() == writes)
        #expect(try await Self.holdVIP(people, sandbox) == 12)
    }

    @Test func yesSkipsTheQuestionOnATerminal() async throws {
        let scratch = try Scratch()
        let (arguments, people, sandbox, environment) = try Self.job(8, in: scratch)
        let terminal = try TerminalProcess(arguments + ["--yes"], in: scratch.url, environment: environment)
        #expect(terminal.finish() == 0, "\(terminal.transcript)")
        #expect(!terminal.transcript.contains("[y/N]"), "\(terminal.transcript)")
        #expect(try await Self.holdVIP(people, sandbox) == 8)
    }
}
