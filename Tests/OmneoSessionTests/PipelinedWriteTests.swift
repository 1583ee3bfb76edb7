// writeByEmail: each chunk of found profiles goes out while the other emails are still being looked up,
// chunks cut in input order (so a resume cuts the same ones), and the job reads as one.
import Foundation
import OmneoModel
import OmneoSandbox
@testable import OmneoSession
import Testing

@Suite struct PipelinedWriteTests {
    @Test func chunksGoOutWhileTheLookupsGoOn() async throws {
        let fixture = try await SessionFixture(journaled: true) { $0.seed = try! SandboxConfiguration.demo().seed }
        let inputs = Array(try EmailResolverTests.demoInputs().prefix(80))
        let (resolution, job) = try await fixture.services.writeByEmail(inputs, handles: ["vip"], attach: true, chunk: 10, plan: .lookups)
        let result = try await fixture.services.statuses.wait(job: job.id, timeout: 60)
        #expect(result.failures.isEmpty && result.succeeded == resolution.ids.count)
        // The chunks, in input order, are exactly the found ids.
        #expect(job.entries.map(\.profileID) == resolution.ids)
        #expect(job.batches.map(\.profileIDs) == stride(from: 0, to: resolution.ids.count, by: 10).map { Array(resolution.ids[$0..<min($0 + 10, resolution.ids.count)]) })
        for id in resolution.ids { #expect(await fixture.statuses(of: id).contains("vip")) }
        let log = fixture.server.requestLog.entries()
        let firstBatch = try #require(log.first { $0.endpoint == "POST /v3/profile/status/batch.json" }?.sequence)
        let lastLookup = try #require(log.last { $0.target.contains("filter%5Bemail%5D") || $0.target.contains("filter[email]") }?.sequence)
        #expect(firstBatch < lastLookup, "the first batch went out only after the last lookup")
        // The lookups' reads are the before-states: no profile is read again for the journal.
        #expect(fixture.server.requestLog.countsByEndpoint["GET /v3/profiles/{id}"] == nil)
        await fixture.close()
    }

    @Test func aDryRunResolvesThenPlansAndSendsNothing() async throws {
        let fixture = try await SessionFixture(dryRun: true)
        let (resolution, job) = try await fixture.services.writeByEmail(
            ["person6@example.com", "person1@example.com", "nobody@example.com"], handles: ["vip"], attach: true, chunk: 250, plan: nil
        )
        #expect(resolution.ids == ["p6", "p1"])
        let result = try await fixture.services.statuses.wait(job: job.id, timeout: 30)
        #expect(result.plan?.changes == ["p6": ["vip"]] && result.plan?.noOps == ["p1": ["vip"]])
        #expect(fixture.server.requestLog.writeCount == 0)
        await fixture.close()
    }

    /// A bad chunk is refused before any request; an unknown handle, checked alongside the first lookups
    /// (one round trip, not two), before any write.
    @Test func aMisuseIsRefusedBeforeAnyWrite() async throws {
        let fixture = try await SessionFixture()
        await #expect(throws: WriteMisuse.self) {
            _ = try await fixture.services.writeByEmail(["person1@example.com"], handles: ["vip"], attach: true, chunk: 600, plan: nil)
        }
        #expect(fixture.server.requestLog.entries().isEmpty)
        await #expect(throws: WriteMisuse.self) {
            _ = try await fixture.services.writeByEmail(["person1@example.com"], handles: ["vpi"], attach: true, chunk: 250, plan: nil)
        }
        #expect(fixture.server.requestLog.writeCount == 0)
        await fixture.close()
    }
}
