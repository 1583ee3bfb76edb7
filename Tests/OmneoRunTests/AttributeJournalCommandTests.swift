// omneo.profile_attributes through the real binary against a standalone sandbox: `undo` puts back the exact
// `{type, value}` before the run, deletes what the run created, re-creates what it removed, and leaves one
// somebody changed since.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct AttributeJournalCommandTests {
    static let seed = """
        {"statuses": [{"id": 1, "handle": "vip", "name": "VIP"}],
         "profiles": [
          {"id": "p1", "email": "p1@example.com", "custom_attributes": [{"namespace": "loyalty", "handle": "lifetime_spend", "type": "string", "value": "120.00"}, {"namespace": "loyalty", "handle": "tier", "type": "string", "value": "silver"}]},
          {"id": "p2", "email": "p2@example.com"},
          {"id": "p3", "email": "p3@example.com", "custom_attributes": [{"namespace": "social", "handle": "followers", "type": "integer", "value": 5000}]}
         ]}
        """

    static let recipe = """
        local a = assert(omneo.profile_attributes.set("p1", "loyalty", "tier", "gold"))
        local b = assert(omneo.profile_attributes.set("p2", "loyalty", "points", 40))
        local c = assert(omneo.profile_attributes.remove("p3", "social", "followers"))
        omneo.log.warn("outcomes: %s %s %s", a, b, c)
        """

    /// Every attribute of p1..p3 as `namespace:handle=type:value`, sorted, read in the array shape.
    static func attributes(_ sandbox: SandboxProcess) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for id in ["p1", "p2", "p3"] {
            var request = URLRequest(url: URL(string: sandbox.url + "/v3/profiles/\(id)")!)
            request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
            let (data, _) = try await URLSession.shared.data(for: request)
            let profile = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["data"] as? [String: Any]
            let list = profile?["custom_attributes"] as? [[String: Any]] ?? []
            result[id] = list.map { "\($0["namespace"] ?? "?"):\($0["handle"] ?? "?")=\($0["type"] ?? "?"):\($0["value"] ?? "?")" }.sorted()
        }
        return result
    }

    static let before = [
        "p1": ["loyalty:lifetime_spend=string:120.00", "loyalty:tier=string:silver"], "p2": [], "p3": ["social:followers=integer:5000"],
    ]

    @Test func undoPutsBackTheExactValuesBeforeTheRun() async throws {
        let scratch = try Scratch()
        let seed = try scratch.write("seed.json", Self.seed)
        let recipe = try scratch.write("attributes.lua", Self.recipe)
        let sandbox = try SandboxProcess(arguments: ["--seed", seed, "--attribute-shape", "array"])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))

        let dry = try OmneoRunBinary.run([recipe, "--dry-run", "--rate", "500", "-q"], in: scratch.url, environment: environment)
        #expect(dry.status == 0 && dry.stderr.contains("outcomes: would_update would_add would_remove"), "\(dry.stderr)")
        #expect(try await sandbox.writeCount() == 0)

        let run = try OmneoRunBinary.run([recipe, "--rate", "500", "-q"], in: scratch.url, environment: environment)
        #expect(run.status == 0 && run.stderr.contains("outcomes: updated added removed"), "\(run.stderr)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(try await Self.attributes(sandbox) == [
            "p1": ["loyalty:lifetime_spend=string:120.00", "loyalty:tier=string:gold"], "p2": ["loyalty:points=integer:40"], "p3": [],
        ])
        let resumed = try OmneoRunBinary.run(["resume", runID, "--rate", "500", "-q"], environment: environment)
        #expect(resumed.status == 2 && resumed.stderr.contains("nothing to resume"), "\(resumed.stderr)")

        let undo = try OmneoRunBinary.run(["undo", runID, "--rate", "500", "-q"], environment: environment)
        #expect(undo.status == 0 && undo.stderr.contains("put back 3 custom attributes"), "\(undo.stderr)")
        #expect(try await Self.attributes(sandbox) == Self.before)
    }

    @Test func undoLeavesAnAttributeChangedSinceTheRun() async throws {
        let scratch = try Scratch()
        let seed = try scratch.write("seed.json", Self.seed)
        let recipe = try scratch.write("attributes.lua", Self.recipe)
        let sandbox = try SandboxProcess(arguments: ["--seed", seed, "--attribute-shape", "array"])
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        #expect(try OmneoRunBinary.run([recipe, "--rate", "500", "-q"], in: scratch.url, environment: environment).status == 0)
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        #expect(try await IdentityJournalCommandTests.send(sandbox, "PUT", "/v3/profiles/p1/attributes/custom/loyalty:tier", ["value": "platinum"]) == 200)

        let undo = try OmneoRunBinary.run(["undo", runID, "--rate", "500", "-q"], environment: environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stderr.contains("put back 2 custom attributes"), "\(undo.stderr)")
        #expect(undo.stderr.contains("1 custom attribute left as it is: changed since the run (see the report)"), "\(undo.stderr)")
        var expected = Self.before
        expected["p1"] = ["loyalty:lifetime_spend=string:120.00", "loyalty:tier=string:platinum"]
        #expect(try await Self.attributes(sandbox) == expected)
    }
}
