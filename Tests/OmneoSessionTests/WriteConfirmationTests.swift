// The question before a run's first write: asked once, however many writes start at once; worded with the
// whole job; a no sends nothing and stops the client, so nothing else is sent either.
import Foundation
import OmneoClient
import OmneoModel
@testable import OmneoSession
import Testing

/// What a confirmation was asked, and the answer it gives.
final class Questions: @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [String] = []
    let answer: Bool

    init(answer: Bool) { self.answer = answer }

    var all: [String] { lock.withLock { asked } }

    var confirmation: WriteConfirmation {
        WriteConfirmation { [self] question in
            lock.withLock { asked.append(question) }
            return answer
        }
    }
}

@Suite struct WriteConfirmationTests {
    @Test func oneQuestionForTheWholeRunHoweverManyWritesStartAtOnce() async throws {
        let questions = Questions(answer: true)
        let fixture = try await SessionFixture(confirmation: questions.confirmation)
        let writer = fixture.services.statuses
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ["p6", "p7", "p8", "p9"] {
                group.addTask { _ = try await writer.write([StatusAssignment(profileID: id, statuses: ["media"])], attach: true, chunk: 250) }
            }
            try await group.waitForAll()
        }
        #expect(questions.all.count == 1, "\(questions.all)")
        #expect(questions.all.first == "add 'media' to 1 profile on sandbox (\(fixture.server.baseURL))")
        #expect(fixture.server.requestLog.countsByEndpoint["POST /v3/profile/status/batch.json"] == 4)
        await fixture.close()
    }

    /// Pipelined, the first chunk (2 profiles) would go out while the rest are looked up; asked, the job
    /// resolves first so the question gives all it does.
    @Test func writeByEmailAsksWithTheWholeJob() async throws {
        let questions = Questions(answer: true)
        let fixture = try await SessionFixture(confirmation: questions.confirmation)
        let emails = (6...12).map { "person\($0)@example.com" }
        let (resolution, job) = try await fixture.services.writeByEmail(emails, handles: ["staff", "media"], attach: true, chunk: 2, plan: .lookups)
        #expect(resolution.ids.count == 7 && job.batches.count == 4)
        #expect(questions.all == ["add 'staff' and 'media' to 7 profiles on sandbox (\(fixture.server.baseURL))"])
        await fixture.close()
    }

    @Test func aNoSendsNothingAndStopsTheClient() async throws {
        let questions = Questions(answer: false)
        let fixture = try await SessionFixture(journaled: true, confirmation: questions.confirmation)
        await #expect(throws: SendingStopped.self) {
            _ = try await fixture.services.statuses.write(
                [StatusAssignment(profileID: "p6", statuses: ["vip"]), StatusAssignment(profileID: "p7", statuses: ["vip"])], attach: true, chunk: 250)
        }
        #expect(questions.all == ["add 'vip' to 2 profiles on sandbox (\(fixture.server.baseURL))"])
        #expect(fixture.server.requestLog.writeCount == 0)
        // Not even an intent: the journal holds no write to resume or undo.
        #expect(try #require(fixture.journal).journal.writes(runID: fixture.journal!.runID).isEmpty)
        #expect(fixture.client.stopSwitch.reason == WriteLedger.declined)
        await #expect(throws: SendingStopped.self) { _ = try await fixture.client.profile(id: "p1") }
        await fixture.close()
    }

    @Test func aDryRunIsNeverAsked() async throws {
        let questions = Questions(answer: false)
        let fixture = try await SessionFixture(dryRun: true, confirmation: questions.confirmation)
        let job = try await fixture.services.statuses.write([StatusAssignment(profileID: "p6", statuses: ["vip"])], attach: true, chunk: 250)
        #expect(job.id > 0 && questions.all.isEmpty)
        await fixture.close()
    }

    @Test func profileCounts() {
        #expect(WriteConfirmation.profiles(1) == "1 profile")
        #expect(WriteConfirmation.profiles(999) == "999 profiles")
        #expect(WriteConfirmation.profiles(1_203) == "1,203 profiles")
        #expect(WriteConfirmation.profiles(2_000_000) == "2,000,000 profiles")
    }
}
