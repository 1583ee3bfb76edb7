// At most N tenant calls in flight for the whole run, however many tasks and fan-outs ask at once. N
// follows the tenant (Little's law): the pace times the round trip (its 90th percentile, so jitter does
// not starve the pace), with a quarter to spare, so the pacer's rate is the only limit; it halves when
// the tenant pushes back (429, 5xx, a lost connection) and climbs back one at a time; it never passes
// the cap (`--concurrency`, default 64).
import OmneoClient
import Foundation

actor InFlightGate {
    /// What sizing reads: the client's pace, round trip and pushbacks. Nil: a fixed limit (tests).
    private let reading: (@Sendable () -> FlowReading)?
    private let announce: @Sendable (String) -> Void
    let cap: Int
    private(set) var limit: Int
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Sizing state: completions since the last look, when it was, the pushbacks seen then, and until
    /// when growth is additive (after a halving).
    private var completions = 0
    private var lastLook = ContinuousClock.now
    private var pushbacks = 0
    private var carefulUntil = ContinuousClock.now
    private var announced: Int

    static let spare = 1.25
    /// The round trip assumed before the first answer.
    static let firstGuess = 0.1

    init(cap: Int, reading: (@Sendable () -> FlowReading)? = nil, announce: @escaping @Sendable (String) -> Void = { _ in }) {
        self.cap = max(1, cap)
        self.reading = reading
        self.announce = announce
        let start = reading.map { Self.target(rate: $0().rate, latency: Self.firstGuess, cap: max(1, cap)) } ?? max(1, cap)
        limit = start
        announced = start
        pushbacks = reading?().pushbacks ?? 0
    }

    /// rate x latency x 1.25, plus two for the requests waiting at the pacer for their slot (they hold a
    /// place here too: without them the pacer had no one waiting when a slot came, 95 of 98 requests/s),
    /// at least 1 and at most the cap.
    static func target(rate: Double, latency: Double, cap: Int) -> Int {
        let wanted = (rate * latency * spare).rounded(.up) + queued
        guard wanted.isFinite else { return cap }
        return min(cap, max(1, Int(wanted)))
    }

    static let queued = 2.0

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        // A run that stopped (--timeout, a refusal) cancels its work: queued calls give up their turn.
        if Task.isCancelled {
            release()
            throw CancellationError()
        }
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if inFlight < limit {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        inFlight -= 1
        resize()
        while inFlight < limit, !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }

    /// Looks at the flow every 8 completions or quarter second, whichever comes later.
    private func resize() {
        guard let reading else { return }
        completions += 1
        let now = ContinuousClock.now
        guard completions >= 8, now - lastLook >= .milliseconds(250) else { return }
        completions = 0
        lastLook = now
        let flow = reading()
        let pushedBack = flow.pushbacks > pushbacks
        pushbacks = flow.pushbacks
        let target = Self.target(rate: flow.rate, latency: flow.roundTrip ?? Self.firstGuess, cap: cap)
        var reason: String
        if pushedBack {
            limit = max(1, limit / 2)
            carefulUntil = now + .seconds(5)
            reason = "halved: the tenant pushed back (429, 5xx or a lost connection)"
        } else if now < carefulUntil, target > limit {
            limit += 1
            reason = "growing back after a push-back, towards \(target)"
        } else {
            limit = target
            let latency = Int(((flow.roundTrip ?? Self.firstGuess) * 1000).rounded())
            reason = "\(Self.figure(flow.rate))/s x round trip \(latency) ms x \(Self.spare) + \(Int(Self.queued)) at the pacer" + (target == cap ? ", the cap" : "")
        }
        // Said when it moves by a quarter or more, or goes down: not on every small step.
        if limit < announced || Double(limit) >= Double(announced) * 1.25 || (limit == cap && announced != cap) {
            announced = limit
            announce("requests in flight: \(limit) (\(reason))")
        }
    }

    private static func figure(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
