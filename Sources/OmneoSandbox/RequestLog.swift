// What the sandbox was asked: the latest requests in a bounded ring, and a count of every request by endpoint.
import NIOConcurrencyHelpers

public struct RequestLogEntry: Sendable, Hashable {
    /// 1 for the first request the sandbox answered, counting up.
    public var sequence: Int
    /// Seconds since the sandbox started, when the request arrived.
    public var arrival: Double
    /// Seconds since the sandbox started, when it was answered (or dropped).
    public var time: Double
    public var method: String
    /// The route, e.g. `GET /v3/profiles/{id}`.
    public var endpoint: String
    /// The path and query as sent.
    public var target: String
    /// The HTTP status answered; 0 when the connection was closed without an answer.
    public var status: Int
    /// The injected fault, if any: `429`, `500`, `reset` or `timeout`.
    public var fault: String?

    /// True for the requests that change the tenant (anything but GET).
    public var isWrite: Bool { method != "GET" && method != "HEAD" }
}

public final class RequestLog: Sendable {
    private struct State {
        var ring: [RequestLogEntry] = []
        var next = 0
        var total = 0
        var byEndpoint: [String: Int] = [:]
        var byStatus: [Int: Int] = [:]
    }

    private let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    func record(arrival: Double, time: Double, method: String, endpoint: String, target: String, status: Int, fault: String?) {
        state.withLockedValue { state in
            state.total += 1
            let entry = RequestLogEntry(
                sequence: state.total, arrival: arrival, time: time, method: method, endpoint: endpoint, target: target, status: status, fault: fault
            )
            if state.ring.count < capacity {
                state.ring.append(entry)
            } else {
                state.ring[state.next] = entry
            }
            state.next = (state.next + 1) % capacity
            state.byEndpoint[endpoint, default: 0] += 1
            state.byStatus[status, default: 0] += 1
        }
    }

    /// The kept entries with a sequence number above `after`, oldest first.
    public func entries(after: Int = 0) -> [RequestLogEntry] {
        state.withLockedValue { state in
            let ordered = state.ring.count < capacity ? state.ring : Array(state.ring[state.next...] + state.ring[..<state.next])
            return ordered.filter { $0.sequence > after }
        }
    }

    public var total: Int { state.withLockedValue { $0.total } }

    /// Every request answered so far, by endpoint (`POST /v3/profile/status/batch.json`).
    public var countsByEndpoint: [String: Int] { state.withLockedValue { $0.byEndpoint } }

    public var countsByStatus: [Int: Int] { state.withLockedValue { $0.byStatus } }

    /// Requests that change the tenant, counted over every request answered.
    public var writeCount: Int {
        state.withLockedValue { state in
            state.byEndpoint.filter { !$0.key.hasPrefix("GET ") }.values.reduce(0, +)
        }
    }
}
