// Per-token pacing: at most `limit` accepted requests in any sliding window (one second by default).
import NIOConcurrencyHelpers

final class RateLimiter: Sendable {
    struct Decision {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until a request would be accepted again (0 when allowed).
        var retryAfter: Double
    }

    private let limit: Int
    private let window: Double
    private let windows = NIOLockedValueBox<[String: Window]>([:])

    /// Timestamps (seconds) of the requests accepted in the last second, oldest first, in a ring.
    private struct Window {
        var times: [Double]
        var head = 0
        var count = 0

        init(capacity: Int) { times = Array(repeating: 0, count: max(capacity, 1)) }

        mutating func expire(before cutoff: Double) {
            while count > 0, times[head] <= cutoff {
                head = (head + 1) % times.count
                count -= 1
            }
        }

        mutating func add(_ time: Double) {
            times[(head + count) % times.count] = time
            count += 1
        }
    }

    /// `rate` requests per `window` seconds; a rate of 0 or less turns pacing off.
    init(rate: Double, window: Double = 1) {
        limit = rate > 0 ? max(1, Int(rate.rounded(.down))) : 0
        self.window = window
    }

    var isEnabled: Bool { limit > 0 }

    func check(token: String, now: Double) -> Decision {
        guard limit > 0 else { return Decision(allowed: true, limit: 0, remaining: 0, retryAfter: 0) }
        return windows.withLockedValue { windows in
            var window = windows[token] ?? Window(capacity: limit)
            window.expire(before: now - self.window)
            let decision: Decision
            if window.count < limit {
                window.add(now)
                decision = Decision(allowed: true, limit: limit, remaining: limit - window.count, retryAfter: 0)
            } else {
                let oldest = window.times[window.head]
                decision = Decision(allowed: false, limit: limit, remaining: 0, retryAfter: max(0.001, oldest + self.window - now))
            }
            windows[token] = window
            return decision
        }
    }
}
