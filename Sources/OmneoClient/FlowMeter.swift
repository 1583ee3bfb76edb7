// What the tenant's answers say about how much work should be in flight: the round trip of recent tries
// (from the moment the pacer let them go to the last byte) and how often the tenant pushed back.
import NIOConcurrencyHelpers

/// A reading of the client's flow, for sizing the work in flight (Little's law: in flight = rate x latency).
public struct FlowReading: Sendable, Equatable {
    /// Requests per second the pacer lets through now (below the configured rate while the tenant signals pressure).
    public var rate: Double
    /// The 90th percentile of the last answered tries' round trips, in seconds; nil before the first answer.
    /// Not the median: with jitter, a bound sized to the median leaves the pace short whenever a few
    /// answers are slow (measured: 95 instead of 98 requests/s at 50 ms).
    public var roundTrip: Double?
    /// 429s, 5xx answers and lost connections since the client started (a running count).
    public var pushbacks: Int

    public init(rate: Double, roundTrip: Double?, pushbacks: Int) {
        self.rate = rate
        self.roundTrip = roundTrip
        self.pushbacks = pushbacks
    }
}

final class FlowMeter: Sendable {
    static let window = 64

    private struct State {
        var latencies: [Double] = []
        var next = 0
        var pushbacks = 0
    }

    private let state = NIOLockedValueBox(State())

    func answered(seconds: Double, status: Int) {
        state.withLockedValue { state in
            if state.latencies.count < Self.window {
                state.latencies.append(seconds)
            } else {
                state.latencies[state.next] = seconds
                state.next = (state.next + 1) % Self.window
            }
            if status == 429 || status >= 500 { state.pushbacks += 1 }
        }
    }

    func lost() { state.withLockedValue { $0.pushbacks += 1 } }

    func reading(rate: Double) -> FlowReading {
        state.withLockedValue { state in
            let sorted = state.latencies.sorted()
            let p90: Double? = sorted.isEmpty ? nil : sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
            return FlowReading(rate: rate, roundTrip: p90, pushbacks: state.pushbacks)
        }
    }
}
