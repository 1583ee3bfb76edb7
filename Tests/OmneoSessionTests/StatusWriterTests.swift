// StatusWriter: chunked additive batches, waited out; a dry run plans from the statuses it read; converge.
import OmneoClient
import OmneoJournal
import OmneoModel
@testable import OmneoSession
import Testing

@Suite struct StatusWriterTests {
    @Test func attachesInChunksAndReportsEachProfile() async throws {
        let fixture = try await SessionFixture()
        let writer = fixture.services.statuses
        let entries = (6...12).map { StatusAssignment(profileID: "p\($0)", statuses: ["media"]) } + [StatusAssignment(profileID: "p6", statuses: ["staff"])]
        let job = try await writer.write(entries, attach: true, chunk: 3)
        #expect(job.entries.count == 7 && job.batches.count == 3)
        #expect(job.entries.first?.statuses == ["media", "staff"])
        let result = try await writer.wait(job: job.id, timeout: 30)
        #expect(result.done && result.succeeded == 7 && result.failures.isEmpty && result.plan == nil)
        #expect(await fixture.statuses(of: "p6") == ["media", "staff"])
        await fixture.close()
    }

    @Test func misuseIsRefusedBeforeAnythingIsSent() async throws {
        let fixture = try await SessionFixture()
        let writer = fixture.services.statuses
        await #expect(throws: WriteMisuse.self) { try await writer.write([StatusAssignment(profileID: "p1", statuses: ["vpi"])], attach: true, chunk: 10) }
        await #expect(throws: WriteMisuse.self) { try await writer.write([], attach: true, chunk: 501) }
        #expect(await fixture.server.requestLog.writeCount == 0)
        await fixture.close()
    }

    @Test func aBatchTheTenantRefusesIsJournaledRefusedAndStopsTheRun() async throws {
        let fixture = try await SessionFixture(journaled: true, token: "sandbox-readonly")
        let writer = fixture.services.statuses
        await #expect(throws: OmneoClientError.self) {
            try await writer.write([StatusAssignment(profileID: "p6", statuses: ["vip"])], attach: true, chunk: 10)
        }
        let writes = try fixture.journal!.journal.writes(runID: fixture.journal!.runID)
        #expect(writes.map(\.state) == [.refused] && writes.first?.httpStatus == 403)
        #expect(await fixture.statuses(of: "p6") == [])
        await fixture.close()
    }

    @Test func aDryRunPlansFromWhatItReadAndSendsNothing() async throws {
        let fixture = try await SessionFixture(dryRun: true)
        let writer = fixture.services.statuses
        let job = try await writer.write(["p1", "p6", "nobody"].map { StatusAssignment(profileID: $0, statuses: ["vip"]) }, attach: true, chunk: 500)
        let result = try await writer.wait(job: job.id, timeout: 30)
        #expect(result.plan?.changes == ["p6": ["vip"]] && result.plan?.noOps == ["p1": ["vip"]])
        #expect(result.failures.map(\.profileID) == ["nobody"])
        #expect(await writer.planLines == ["vip: would add to 1 profile (1 already have it)"])
        #expect(await fixture.server.requestLog.writeCount == 0)
        await fixture.close()
    }

    @Test func convergeAddsWhatIsMissingAndRemovesWhatIsExtra() async throws {
        let fixture = try await SessionFixture()
        let writer = fixture.services.statuses
        let job = try await writer.converge("p1", to: ["staff"])
        _ = try await writer.wait(job: job.id, timeout: 30)
        #expect(await fixture.statuses(of: "p1") == ["staff"])
        await #expect(throws: ExpectedFailure.self) { try await writer.converge("nobody", to: ["vip"]) }
        await fixture.close()
    }
}
