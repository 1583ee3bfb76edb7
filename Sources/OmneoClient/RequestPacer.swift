// One pace per tenant (a token bucket one token deep), shared by every request of the client. Callers
// reserve evenly spaced slots; admission also checks the gap since the last request admitted, so late
// wake-ups cannot bunch requests: in any one-second window fewer than `rate` requests leave.
import NIOConcurrencyHelpers

final class RequestPacer: Sendable {
    private struct State {
        var nextSlot: ContinuousClock.Instant
        var lastAdmission: ContinuousClock.Instant?
        var pausedUntil: ContinuousClock.Instant
        /// Below 1 while the tenant signals pressure (429s, X-RateLimit-Remaining at 0).
        var factor = 1.0
        var inFlight = 0
        /// The latest X-RateLimit-* seen on an answer, and what was sent since.
        var limit: Int?
        var remaining: Int?
        var spentSinceObservation = 0
        /// When the pace was last lowered: it is lowered at most once a window, since every answer to a
        /// request sent before the slowdown still reports the empty budget that caused it.
        var lastSlowdown: ContinuousClock.Instant?
        /// Admissions of the last second, oldest first from `recentHead`: the hard bound on any one-second window.
        var recent: [ContinuousClock.Instant] = []
        var recentHead = 0
    }

    /// The window a tenant's budget is measured over, as far as the client can tell (a second: the
    /// sandbox's; Laravel's throttle counts per minute, which only makes one slowdown a window rarer).
    static let slowdownSpacing = Duration.seconds(1)
    /// A 429 within this long of the last slowdown shows the configured rate is above the tenant's.
    static let repeatedPushback = Duration.seconds(10)

    private let interval: Duration
    /// Requests per second, as configured (before the headroom).
    let rate: Double
    private let clock = ContinuousClock()
    private let state: NIOLockedValueBox<State>

    /// Pacing a hair under the rate absorbs the network's jitter: requests spaced exactly at the limit
    /// arrive bunched now and then, and a tenant's sliding window would count one too many.
    static let headroom = 0.98
    /// The least gap between two admissions, as a share of the slot spacing.
    static let gapShare = 0.9
    /// The most admitted in any one second, as a share of the rate (99 at 100/s, 39 at 40/s).
    static let windowShare = 0.99

    init(rate: Double) {
        self.rate = rate
        interval = .seconds(1 / (rate * Self.headroom))
        let now = clock.now
        state = NIOLockedValueBox(State(nextSlot: now, pausedUntil: now))
    }

    /// Waits for this request's turn (through `sleep`, which may end the wait early by throwing); returns
    /// how long it waited.
    func acquire(sleep: (ContinuousClock.Instant) async throws -> Void) async throws -> Duration {
        let start = clock.now
        while true {
            let slot = state.withLockedValue { state in
                let slot = max(clock.now, state.nextSlot, state.pausedUntil)
                state.nextSlot = slot + interval * (1 / state.factor)
                return slot
            }
            try await sleep(slot)
            while true {
                let gate: (until: ContinuousClock.Instant, paused: Bool)? = state.withLockedValue { state in
                    let now = clock.now
                    if now < state.pausedUntil { return (state.pausedUntil, true) }
                    // The gap follows the current pace, so slowing down applies to callers already queued. It is
                    // a little under the slot spacing: a wake-up that came late must not push every later one
                    // back by as much (that lost 3% of the rate); the slots themselves keep the average.
                    let gap = interval * (Self.gapShare / state.factor)
                    if let last = state.lastAdmission, now < last + gap { return (last + gap, false) }
                    // The gap alone lets late wake-ups catch up at 0.9 of the spacing for a while, which made 44 in
                    // one second at 40/s: no more than the window's share of the pace is admitted in any second.
                    while state.recentHead < state.recent.count, state.recent[state.recentHead] + .seconds(1) <= now { state.recentHead += 1 }
                    if state.recentHead > 256, state.recentHead * 2 > state.recent.count {
                        state.recent.removeFirst(state.recentHead)
                        state.recentHead = 0
                    }
                    let cap = max(1, Int((rate * state.factor * Self.windowShare).rounded(.down)))
                    if state.recent.count - state.recentHead >= cap {
                        return (state.recent[state.recent.count - cap] + .seconds(1), false)
                    }
                    state.recent.append(now)
                    state.lastAdmission = now
                    state.inFlight += 1
                    state.spentSinceObservation += 1
                    return nil
                }
                guard let gate else { return clock.now - start }
                // A pause began while this caller slept: take a fresh slot after it, not a burst.
                if gate.paused { break }
                try await sleep(gate.until)
            }
        }
    }

    /// The request admitted by `acquire` has its answer (or gave up).
    func finished() {
        state.withLockedValue { $0.inFlight -= 1 }
    }

    /// An answer other than 429: follow the tenant's own count of what is left.
    func observe(limit: Int?, remaining: Int?) {
        state.withLockedValue { state in
            if let remaining {
                state.limit = limit ?? state.limit
                state.remaining = remaining
                state.spentSinceObservation = state.inFlight
            }
            // Only an empty budget slows the pace: at the full configured rate a tenant's sliding window
            // legitimately runs near its limit, and easing off there left half the allowance unused
            // (bench/assign-utilization.sh: 0.54 of the rate). A window that keeps emptying keeps halving it.
            if let remaining, remaining <= 0 {
                let now = clock.now
                if state.lastSlowdown.map({ now - $0 >= Self.slowdownSpacing }) ?? true {
                    state.factor = max(0.05, state.factor * 0.5)
                    state.lastSlowdown = now
                }
            } else if state.factor < 1 {
                state.factor = min(1, state.factor * 1.05)
            }
        }
    }

    /// A 429. Returns true when the whole client now pauses `retryAfter` seconds; false when the tenant's
    /// own X-RateLimit-Remaining shows budget to spare, so the 429 is a hiccup and only its request waits.
    /// The first pause keeps the pace: after Retry-After the tenant's window has emptied (Laravel's
    /// throttle resets it then), and halving there cost 7 of 30 s on the 200,000-profile bench for one
    /// stray 429. A 429 soon after another slowdown halves the pace: the tenant's limit is below ours.
    func tooManyRequests(retryAfter: Double) -> Bool {
        state.withLockedValue { state in
            if let remaining = state.remaining, remaining - state.spentSinceObservation > Self.lowWater(state.limit) {
                return false
            }
            let until = clock.now + .seconds(retryAfter)
            if until > state.pausedUntil {
                let now = clock.now
                if let last = state.lastSlowdown, now - last < Self.repeatedPushback {
                    state.factor = max(0.05, state.factor / 2)
                }
                state.lastSlowdown = now
                state.pausedUntil = until
                state.nextSlot = max(state.nextSlot, until)
            }
            state.remaining = 0
            state.spentSinceObservation = 0
            return true
        }
    }

    /// True while a client-wide pause holds.
    /// The rate let through now: the configured one, lowered while the tenant signals pressure.
    var currentRate: Double { rate * state.withLockedValue { $0.factor } }

    var isPaused: Bool { state.withLockedValue { clock.now < $0.pausedUntil } }

    /// The share of the configured rate in use now (1 = full pace).
    var pace: Double { state.withLockedValue { $0.factor } }

    /// Slow down when no more than this is left: a tenth of the window, at least two requests.
    private static func lowWater(_ limit: Int?) -> Int {
        max(2, (limit ?? 0) / 10)
    }
}
