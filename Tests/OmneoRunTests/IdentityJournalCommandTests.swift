// omneo.profile_identities through the real binary against a standalone sandbox: a dry run sends nothing,
// a resumed run sends nothing twice, `undo` puts back exactly the identities before the run (leaving one
// somebody changed since, and saying so), and undoing the undo applies the change again.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct IdentityJournalCommandTests {
    /// p1 is Shopify SH-1 (the run changes it), p2 has none (the run adds one), p3 has a loyalty card (the run
    /// removes it), p4 has nothing (removing is a no-op).
    static let seed = """
        {"statuses": [{"id": 1, "handle": "vip", "name": "VIP"}],
         "profiles": [
          {"id": "p1", "email": "p1@example.com", "identities": [{"handle": "shopify", "identifier": "SH-1", "is_active": true}]},
          {"id": "p2", "email": "p2@example.com"},
          {"id": "p3", "email": "p3@example.com", "identities": [{"handle": "loyalty", "identifier": "L-3", "is_active": true}, {"handle": "shopify", "identifier": "SH-3", "is_active": true}]},
          {"id": "p4", "email": "p4@example.com"}
         ]}
        """

    static let recipe = """
        local a = assert(omneo.profile_identities.add("p1", { handle = "shopify", identifier = "SH-100" }))
        local b = assert(omneo.profile_identities.add("p2", { handle = "shopify", identifier = 2002 }))
        -- Files are read live on resume (reads of the tenant are replayed): stop.csv stops the first attempt only.
        local found = pcall(omneo.csv.rows, "stop.csv")
        if found then error("stopped on purpose after two writes") end
        local c = assert(omneo.profile_identities.remove("p3", "loyalty"))
        local d = assert(omneo.profile_identities.remove("p4", "loyalty"))
        local e = assert(omneo.profile_identities.add("p3", { handle = "shopify", identifier = "SH-3" }))
        omneo.log.warn("outcomes: %s %s %s %s %s", a, b, c, d, e)
        """

    static func identities(_ sandbox: SandboxProcess) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for id in ["p1", "p2", "p3", "p4"] {
            var request = URLRequest(url: URL(string: sandbox.url + "/v3/profiles/\(id)")!)
            request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            let profile = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["data"] as? [String: Any]
            let list = profile?["identities"] as? [[String: Any]] ?? []
            result[id] = list.map { "\($0["handle"] ?? "?")=\($0["identifier"] ?? "?")" }.sorted()
        }
        return result
    }

    static func send(_ sandbox: SandboxProcess, _ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: sandbox.url + path)!)
        request.httpMethod = method
        request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    static let before = ["p1": ["shopify=SH-1"], "p2": [], "p3": ["loyalty=L-3", "shopify=SH-3"], "p4": []]
    static let after = ["p1": ["shopify=SH-100"], "p2": ["shopify=2002"], "p3": ["shopify=SH-3"], "p4": []]

    @Test func aDryRunSendsNothingAndSaysWhatItWouldDo() async throws {
        let scratch = try Scratch()
        let seed = try scratch.write("seed.json", Self.seed)
        let recipe = try scratch.write("identities.lua", Self.recipe)
        let sandbox = try SandboxProcess(arguments: ["--seed", seed])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try OmneoRunBinary.run([recipe, "--dry-run", "--rate", "500", "-q"], in: scratch.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("outcomes: would_update would_add would_remove not_present already_present"), "\(run.stderr)")
        #expect(try await sandbox.writeCount() == 0)
        #expect(try await Self.identities(sandbox) == Self.before)
    }

    @Test func aResumedRunSendsNothingTwiceAndUndoPutsBackExactlyWhatWasThere() async throws {
        let scratch = try Scratch()
        let seed = try scratch.write("seed.json", Self.seed)
        let recipe = try scratch.write("identities.lua", Self.recipe)
        try scratch.write("stop.csv", "stop\nyes\n")
        let sandbox = try SandboxProcess(arguments: ["--seed", seed])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))

        let failed = try OmneoRunBinary.run([recipe, "--rate", "500", "-q"], in: scratch.url, environment: environment)
        #expect(failed.status == 1 && failed.stderr.contains("stopped on purpose"), "\(failed.stderr)")
        #expect(try await sandbox.writeCount() == 2)
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("stop.csv"))

        let resumed = try OmneoRunBinary.run(["resume", runID, "--rate", "500", "-q"], environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // The two writes the first attempt got answered are not sent again; the outcomes read as they did.
        #expect(resumed.stderr.contains("outcomes: updated added removed not_present already_present"), "\(resumed.stderr)")
        #expect(try await sandbox.writeCount() == 2 + 1, "the remove from p3 is the only new write")
        #expect(try await Self.identities(sandbox) == Self.after)

        let plan = try OmneoRunBinary.run(["undo", runID, "--dry-run", "--rate", "500", "-q"], environment: environment)
        #expect(plan.status == 0 && plan.stderr.contains("would put back 3 identities"), "\(plan.stderr)")
        #expect(try await Self.identities(sandbox) == Self.after)

        let undo = try OmneoRunBinary.run(["undo", runID, "--rate", "500", "-q"], environment: environment)
        #expect(undo.status == 0 && undo.stderr.contains("put back 3 identities"), "\(undo.stderr)")
        #expect(try await Self.identities(sandbox) == Self.before)

        // Undoing the undo applies the run's change again.
        let undoID = try #require(try JournalCommandTests.latestRun(environment))
        let again = try OmneoRunBinary.run(["undo", undoID, "--rate", "500", "-q"], environment: environment)
        #expect(again.status == 0 && again.stderr.contains("put back 3 identities"), "\(again.stderr)")
        #expect(try await Self.identities(sandbox) == Self.after)
    }

    /// An identity somebody changed after the run is theirs: undo leaves it and says so, and puts the others back.
    @Test func undoLeavesAnIdentityChangedSinceTheRun() async throws {
        let scratch = try Scratch()
        let seed = try scratch.write("seed.json", Self.seed)
        let recipe = try scratch.write("identities.lua", Self.recipe)
        let sandbox = try SandboxProcess(arguments: ["--seed", seed])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = try OmneoRunBinary.run([recipe, "--rate", "500", "-q"], in: scratch.url, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(try await Self.send(sandbox, "PUT", "/v3/profiles/p2/identities/shopify", ["identifier": "SH-OTHER"]) == 200)

        let undo = try OmneoRunBinary.run(["undo", runID, "--rate", "500", "-q"], environment: environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stderr.contains("put back 2 identities"), "\(undo.stderr)")
        #expect(undo.stderr.contains("1 identity left as it is: changed since the run (see the report)"), "\(undo.stderr)")
        var expected = Self.before
        expected["p2"] = ["shopify=SH-OTHER"]
        #expect(try await Self.identities(sandbox) == expected)
    }
}
