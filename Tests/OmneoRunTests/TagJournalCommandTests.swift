// Tag writes through the real binary against a standalone sandbox: a run that died is resumed without a
// PUT sent twice and undone to the exact tags before it (a tag added meanwhile by someone else stays),
// a concurrent writer is never overwritten, a profile changed on every try is a conflict, a dry run
// sends nothing.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct TagJournalCommandTests {
    static let recipes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../recipes").standardized
    static let tag = "christmas-campaign-2024"

    /// tag-campaign.lua and its sample data in `scratch` (`dying`: the recipe raises after its writes).
    static func recipe(in scratch: Scratch, dying: Bool) throws -> String {
        let text = try String(contentsOf: recipes.appendingPathComponent("tag-campaign.lua"), encoding: .utf8)
        let data = try String(contentsOf: recipes.appendingPathComponent("data/christmas-customers.csv"), encoding: .utf8)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        _ = try scratch.write("data/christmas-customers.csv", data)
        return try scratch.write("tag-campaign.lua", text + (dying ? "\nerror(\"died here\")\n" : ""))
    }

    static func arguments(_ recipe: String) -> [String] {
        [recipe, "--arg", "tag=\(tag)", "--rate", "500", "-q"]
    }

    static func inspect(_ sandbox: SandboxProcess, _ path: String) async throws -> [String: Any] {
        let base = sandbox.url.hasSuffix("/api") ? String(sandbox.url.dropLast(4)) : sandbox.url
        let (data, _) = try await URLSession.shared.data(from: URL(string: base + path)!)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    static func tags(_ sandbox: SandboxProcess, _ id: String) async throws -> [String] {
        ((try await inspect(sandbox, "/_sandbox/profiles/\(id)")["data"] as? [String: Any])?["tags"] as? [String]) ?? []
    }

    static func puts(_ sandbox: SandboxProcess) async throws -> Int {
        let counts = (try await inspect(sandbox, "/_sandbox/stats")["by_endpoint"] as? [String: Any]) ?? [:]
        return counts.filter { $0.key.hasPrefix("PUT ") }.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
    }

    /// Someone else's PUT of a profile's full tag list, behind the run's back.
    static func putTags(_ sandbox: SandboxProcess, _ id: String, _ tags: [String]) async throws {
        var request = URLRequest(url: URL(string: sandbox.url + "/v3/profiles/\(id)")!)
        request.httpMethod = "PUT"
        request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["tags": tags])
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw SandboxProcessError(message: "the PUT was not taken: \(response)") }
    }

    /// The profile ids of the report's rows with this outcome (`row,key,email,profile_id,outcome,...`).
    static func ids(_ runID: String, outcome: String, state: URL) throws -> [String] {
        try JournalCommandTests.report(runID, state: state).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count > 4 && $0[4] == outcome }.map { $0[3] }
    }

    @Test func aDeadRunIsResumedWithNoPutSentTwiceThenUndoneToTheExactTagsWhileAnotherWritersTagStays() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let state = scratch.url.appendingPathComponent("state")
        let environment = sandbox.environment(state: state)
        let died = try OmneoRunBinary.run(Self.arguments(try Self.recipe(in: scratch, dying: true)), in: scratch.url, environment: environment)
        #expect(died.status != 0 && died.stderr.contains("died here"), "\(died.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let sent = try await Self.puts(sandbox)
        #expect(sent == 30)

        _ = try Self.recipe(in: scratch, dying: false)
        let resumed = try OmneoRunBinary.run(["resume", runID, "--force", "-q"], in: scratch.url, environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try await Self.puts(sandbox) == sent, "the resume sent no PUT again")
        let added = try Self.ids(runID, outcome: "added", state: state)
        #expect(added.count == 30, "the resumed run reports the first attempt's writes")

        var before: [String: [String]] = [:]
        for id in added {
            let now = try await Self.tags(sandbox, id)
            #expect(now.last == Self.tag, "\(id): \(now)")
            before[id] = Array(now.dropLast())
        }
        let show = try OmneoRunBinary.run(["show", runID, "--writes", "40"], environment: environment)
        #expect(show.status == 0 && show.stdout.contains("tags of profile \(added[0]): add '\(Self.tag)': done"), "\(show.stdout)")
        #expect(show.stdout.contains("writes: 30 (tags)") && show.stdout.contains("undo: omneo-run undo \(runID)"), "\(show.stdout)")

        // Someone else tags one of them after the run.
        let theirs = added[0]
        try await Self.putTags(sandbox, theirs, try await Self.tags(sandbox, theirs) + ["theirs"])
        let undo = try OmneoRunBinary.run(["undo", runID, "--rate", "500", "-q"], environment: environment)
        #expect(undo.status == 0 && undo.stderr.contains("removed tag '\(Self.tag)' on 30 profiles"), "\(undo.stderr)")
        for id in added {
            #expect(try await Self.tags(sandbox, id) == before[id]! + (id == theirs ? ["theirs"] : []), "\(id)")
        }
        // Undoing the undo puts the campaign tag back where it was before the undo: before `theirs`.
        let undoOfUndo = try #require(try JournalCommandTests.latestRun(environment))
        let again = try OmneoRunBinary.run(["undo", undoOfUndo, "--rate", "500", "-q"], environment: environment)
        #expect(again.status == 0 && again.stderr.contains("re-added tag '\(Self.tag)' on 30 profiles"), "\(again.stderr)")
        #expect(try await Self.tags(sandbox, theirs) == before[theirs]! + [Self.tag, "theirs"])
    }

    @Test func aConcurrentWritersTagIsNeverOverwritten() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess(arguments: ["--faults", "rival_tags=1"])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try OmneoRunBinary.run(Self.arguments(try Self.recipe(in: scratch, dying: false)), in: scratch.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let added = try Self.ids(runID, outcome: "added", state: scratch.url.appendingPathComponent("state"))
        #expect(added.count == 30)
        for id in added {
            let now = try await Self.tags(sandbox, id)
            #expect(now.contains("rival-1") && now.last == Self.tag, "\(id): \(now)")
        }
        #expect(try await Self.puts(sandbox) == 30)
    }

    @Test func aProfileChangedOnEveryTryIsReportedAsAConflictAndTheRunExits4() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess(arguments: ["--faults", "rival_tags=50"])
        let state = scratch.url.appendingPathComponent("state")
        let run = try OmneoRunBinary.run(Self.arguments(try Self.recipe(in: scratch, dying: false)), in: scratch.url, environment: sandbox.environment(state: state))
        #expect(run.status == 4, "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(sandbox.environment(state: state)))
        let rows = try JournalCommandTests.report(runID, state: state)
        #expect(rows.filter { $0.contains(",conflict,") }.count == 30)
        #expect(rows.contains { $0.contains("changed by someone else on each of 3 tries") })
        #expect(try await Self.puts(sandbox) == 0)
    }

    @Test func aDryRunSendsNoPut() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let run = try OmneoRunBinary.run(
            Self.arguments(try Self.recipe(in: scratch, dying: false)).filter { $0 != "-q" } + ["--dry-run"], in: scratch.url,
            environment: sandbox.environment(state: scratch.url.appendingPathComponent("state")))
        #expect(run.status == 0 && run.stderr.contains("dry run: tags: would add '\(Self.tag)' to 30 profiles"), "\(run.stderr)")
        #expect(try await sandbox.writeCount() == 0)
    }
}
