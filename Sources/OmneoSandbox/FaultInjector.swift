// Draws the injected faults and latencies from seeded generators, one draw per request.
import NIOConcurrencyHelpers

final class FaultInjector: Sendable {
    enum Fault: String {
        case tooManyRequests = "429"
        case serverError = "500"
        case reset
        case timeout
        case lost
        case oversize
    }

    let spec: FaultSpec
    let latency: Latency
    private let faults: NIOLockedValueBox<SeededGenerator>
    private let delays: NIOLockedValueBox<SeededGenerator>

    init(spec: FaultSpec, latency: Latency, seed: UInt64) {
        self.spec = spec
        self.latency = latency
        faults = NIOLockedValueBox(SeededGenerator(seed: seed))
        delays = NIOLockedValueBox(SeededGenerator(seed: seed ^ 0x1A7E_4C7))
    }

    func draw() -> Fault? {
        let total = spec.tooManyRequests + spec.serverError + spec.reset + spec.timeout + spec.lost + spec.oversize
        guard total > 0 else { return nil }
        let roll = faults.withLockedValue { $0.unit() }
        var bound = spec.tooManyRequests
        if roll < bound { return .tooManyRequests }
        bound += spec.serverError
        if roll < bound { return .serverError }
        bound += spec.reset
        if roll < bound { return .reset }
        bound += spec.timeout
        if roll < bound { return .timeout }
        bound += spec.lost
        if roll < bound { return .lost }
        bound += spec.oversize
        return roll < bound ? .oversize : nil
    }

    /// This answer's added latency, or nil for none.
    func delay() -> Duration? {
        guard latency.milliseconds > 0 else { return nil }
        let spread = latency.jitter > 0 ? delays.withLockedValue { $0.unit() } * 2 - 1 : 0
        return .microseconds(Int64((latency.milliseconds + spread * latency.jitter) * 1000))
    }
}
