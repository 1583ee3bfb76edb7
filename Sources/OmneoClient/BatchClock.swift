// When to poll a batch: the tenant documents no processing time (omneo-api.md, "Batches": asynchronous,
// poll GET /v3/batches/{id}), so the client learns it. Each batch's POST answer is timed; once a poll finds
// a batch done, how long after its POST that poll was sent is the run's estimate, and later batches get
// their first poll that long after their own POST. A batch then costs one poll, not one sent at once
// and found pending (measured: 46 requests instead of 38 for 8 batches on the bench's small tenant).
import NIOConcurrencyHelpers

final class BatchClock: Sendable {
    private struct State {
        var posted: [String: ContinuousClock.Instant] = [:]
        /// The shortest POST-to-poll time at which a poll found its batch done.
        var settle: Duration?
    }

    private let state = NIOLockedValueBox(State())

    func posted(_ id: String, at instant: ContinuousClock.Instant = .now) {
        state.withLockedValue { $0.posted[id] = instant }
    }

    /// When the first poll of `id` should go: its POST plus the estimate (`fallback` before any batch
    /// settled), or now for a batch posted by an earlier process (a resume), or whose time has passed.
    func firstPoll(_ id: String, fallback: Duration) -> ContinuousClock.Instant {
        state.withLockedValue { state in
            guard let posted = state.posted[id] else { return .now }
            return posted + (state.settle ?? fallback)
        }
    }

    /// A poll sent at `sent` found `id` done.
    func settled(_ id: String, pollSent sent: ContinuousClock.Instant) {
        state.withLockedValue { state in
            guard let posted = state.posted.removeValue(forKey: id) else { return }
            let took = sent - posted
            state.settle = min(state.settle ?? took, took)
        }
    }

    /// The estimate now (nil before any batch settled), for tests.
    var estimate: Duration? { state.withLockedValue(\.settle) }
}
