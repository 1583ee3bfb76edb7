// Waiting for a queued write: poll its batch with a growing interval until it is done or time runs out.
public import OmneoModel
import Foundation
extension OmneoClient {
    /// Polls `GET /v3/batches/{id}` first `firstPoll` seconds after the batch's POST (or, once one of this
    /// client's batches settled, as long after it as that took: `BatchClock`), then every `firstPoll`
    /// seconds, doubling up to `maxPoll`, until the batch is
    /// done (`BatchProgress.isDone`); throws (code `timeout`) when it is not after `timeout` seconds. Polls
    /// share the pace. Each state that is not final is named once in the verbose log (a state the client does
    /// not know, as such), then waited out.
    public func waitForBatch(
        id: String, timeout: Double = 300, firstPoll: Double = 0.5, maxPoll: Double = 10
    ) async throws -> BatchProgress {
        let clock = ContinuousClock()
        let started = clock.now
        let began = Date().timeIntervalSince1970
        defer { requestTimeline.waited(.batch, from: began, to: Date().timeIntervalSince1970) }
        var interval = max(0.01, firstPoll)
        var named: Set<String> = []
        let first = batchClock.firstPoll(id, fallback: .seconds(interval))
        if first > started { try await stopSwitch.sleep(until: min(first, started + .seconds(timeout)), call: "GET /v3/batches/\(id)") }
        while true {
            let sent = clock.now
            let progress = try await batch(id: id)
            if progress.isDone {
                batchClock.settled(id, pollSent: sent)
                return progress
            }
            if named.insert(progress.status).inserted {
                let meaning = progress.isUnrecognisedState ? "not a final one omneo-run knows" : "not a final one"
                logger.log(level: options.requestLogLevel, "batch \(id) reports state '\(progress.status)', \(meaning): still waiting")
            }
            let elapsed = (clock.now - started).seconds
            guard elapsed < timeout else {
                throw OmneoClientError.stillPending(
                    batch: id, status: progress.status, seconds: elapsed, processed: progress.processedCount, total: progress.totalCount
                )
            }
            try await stopSwitch.sleep(until: .now + .seconds(min(interval, max(0, timeout - elapsed))), call: "GET /v3/batches/\(id)")
            interval = min(interval * 2, max(maxPoll, firstPoll))
        }
    }
}
