// EmailResolver: one outcome per input row, never a guess; answers journaled and replayed on resume.
import Foundation
import OmneoJournal
import OmneoSandbox
@testable import OmneoSession
import Testing

@Suite struct EmailResolverTests {
    @Test func everyRowGetsOneOutcome() async throws {
        let fixture = try await SessionFixture()
        let result = try await fixture.services.resolver.resolve([" Person1@Example.com", "nobody@example.com", "twin@example.com", "nope", "person1@example.com"])
        #expect(result.rows.map(\.outcome) == [.found, .missing, .ambiguous, .invalid, .duplicate])
        #expect(result.ids == ["p1"] && result.byEmail == ["person1@example.com": "p1"] && result.statuses["p1"] == ["vip"])
        #expect(result.rows[4].duplicateOf == 1 && result.rows[4].id == "p1")
        #expect(result.ambiguous.first?.count == 2 && result.invalid.first?.email == "nope")
        await fixture.close()
    }

    @Test func aResumedRunReplaysTheAnswersInsteadOfAsking() async throws {
        let first = try await SessionFixture(journaled: true)
        _ = try await first.services.resolver.resolve(["person1@example.com", "person4@example.com"])
        let asked = first.server.requestLog.total
        let path = first.journal!.journal.path, runID = first.journal!.runID
        await first.close()
        let second = try await SessionFixture(earlier: runID, journalAt: path)
        let result = try await second.services.resolver.resolve(["person1@example.com", "person4@example.com"])
        #expect(asked == 2 && second.server.requestLog.total == 0)
        #expect(result.ids == ["p1", "p4"])
        await second.close()
    }

    /// Inputs over the demo tenant (3,012 profiles, duplicates and mixed case among them): a spread of its
    /// emails written as people type them, with a missing, an invalid and a repeated one.
    static func demoInputs() throws -> [String] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/OmneoSandbox/Fixtures/demo-tenant.json").standardized
        let profiles = (try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any])["profiles"] as! [[String: Any]]
        let emails = profiles.compactMap { $0["email"] as? String }
        var inputs = stride(from: 0, to: emails.count, by: 37).map { " " + emails[$0].uppercased() }
        inputs += ["nobody.here@example.com", "not-an-email", inputs[0]]
        // Every address held by two profiles (differing in case): ambiguous either way.
        var seen: [String: Int] = [:]
        for email in emails { seen[email.lowercased(), default: 0] += 1 }
        inputs += seen.filter { $0.value > 1 }.keys.sorted()
        return inputs
    }

    /// A scan (pages of the whole tenant, matched locally, then a lookup per email it missed) and one
    /// lookup per email give the same row for every input: found, missing, ambiguous (with its count),
    /// invalid, duplicate.
    @Test(arguments: [false, true]) func bothPlansGiveTheSameOutcomes(demo: Bool) async throws {
        let inputs = demo ? try Self.demoInputs() : [" Person1@Example.com", "nobody@example.com", "twin@example.com", "TWIN@example.com", "nope", "person1@example.com", "PERSON12@example.com"]
        func resolve(_ plan: ResolvePlan) async throws -> (rows: [String], requests: Int) {
            let fixture = try await SessionFixture { if demo { $0.seed = try! SandboxConfiguration.demo().seed } }
            let result = try await fixture.services.resolver.resolve(inputs, plan: plan)
            let rows = result.rows.map { "\($0.outcome.rawValue) \($0.id ?? "-") \($0.reason ?? "") \($0.duplicateOf ?? 0)" }
            let requests = fixture.server.requestLog.total
            await fixture.close()
            return (rows, requests)
        }
        let lookups = try await resolve(.lookups), scan = try await resolve(.scan)
        #expect(scan.rows == lookups.rows)
        #expect(lookups.rows.contains { $0.hasPrefix("ambiguous") } && lookups.rows.contains { $0.hasPrefix("missing") })
        if demo {
            // 3,012 profiles: 31 pages and one lookup for the missing address, against one lookup an email.
            #expect(scan.requests == 31 + 1 && lookups.requests > 80, "scan \(scan.requests), lookups \(lookups.requests)")
        }
    }

    @Test func autoScansWhenThePagesAreFewerThanTheLookups() async throws {
        let fixture = try await SessionFixture { $0.seed = try! SandboxConfiguration.demo().seed }
        let inputs = try Self.demoInputs()
        _ = try await fixture.services.resolver.resolve(inputs)
        let lines = await fixture.services.resolver.sourceLines
        #expect(lines.contains { $0.hasPrefix("scan: 31 pages of 100 (3012 profiles) instead of") }, "\(lines)")
        await fixture.close()
        // A short list: lookups, no probe at all.
        let small = try await SessionFixture { $0.seed = try! SandboxConfiguration.demo().seed }
        _ = try await small.services.resolver.resolve(Array(inputs.prefix(10)))
        #expect(small.server.requestLog.total == 10)
        await small.close()
    }
}
