// The client's requests over time, for the run report page: counts per whole second (tries, 429s, retries)
// and the spans spent waiting for batches or a Retry-After pause. A counter per second, never a record per
// request: a run of 100,000 requests over an hour keeps 3,600 buckets.
import Foundation
import NIOConcurrencyHelpers

/// What the timeline holds at one moment (`OmneoClient.timeline`).
public struct TimelineSnapshot: Sendable, Equatable {
    public struct Second: Sendable, Equatable {
        /// Unix time, whole seconds.
        public var second: Int
        public var requests = 0
        public var throttled = 0
        public var retries = 0
    }

    public struct Wait: Sendable, Equatable {
        public enum Kind: String, Sendable { case batch, pause }
        public var kind: Kind
        /// Unix times, seconds.
        public var start: Double
        public var end: Double
    }

    /// Seconds that had anything, in order.
    public var seconds: [Second]
    /// Waits of a kind that overlapped are joined into one span (a pipelined run waits for many batches at once).
    public var waits: [Wait]
}

final class RequestTimeline: Sendable {
    /// Joined spans kept at most; past it the shortest gaps close first (the page shows them as bands anyway).
    static let waitLimit = 2_000

    private struct State {
        var seconds: [Int: TimelineSnapshot.Second] = [:]
        var waits: [TimelineSnapshot.Wait] = []
    }

    private let state = NIOLockedValueBox(State())

    private func count(at time: Double = Date().timeIntervalSince1970, _ change: (inout TimelineSnapshot.Second) -> Void) {
        let second = Int(time.rounded(.down))
        state.withLockedValue { state in
            change(&state.seconds[second, default: TimelineSnapshot.Second(second: second)])
        }
    }

    /// A try left for the wire (`retry`: it repeats an earlier try of the same call).
    func sent(retry: Bool) {
        count { bucket in
            bucket.requests += 1
            if retry { bucket.retries += 1 }
        }
    }

    /// The tenant answered 429.
    func throttled() { count { $0.throttled += 1 } }

    func waited(_ kind: TimelineSnapshot.Wait.Kind, from start: Double, to end: Double) {
        guard end > start else { return }
        state.withLockedValue { state in
            state.waits.append(TimelineSnapshot.Wait(kind: kind, start: start, end: end))
            if state.waits.count > Self.waitLimit * 2 { state.waits = Self.joined(state.waits) }
        }
    }

    var snapshot: TimelineSnapshot {
        state.withLockedValue { state in
            TimelineSnapshot(seconds: state.seconds.values.sorted { $0.second < $1.second }, waits: Self.joined(state.waits))
        }
    }

    /// Overlapping spans of one kind become one; at most `waitLimit` remain (the closest ones are joined).
    static func joined(_ waits: [TimelineSnapshot.Wait]) -> [TimelineSnapshot.Wait] {
        var result: [TimelineSnapshot.Wait] = []
        for kind in [TimelineSnapshot.Wait.Kind.batch, .pause] {
            var spans: [TimelineSnapshot.Wait] = []
            for wait in waits.filter({ $0.kind == kind }).sorted(by: { $0.start < $1.start }) {
                if let last = spans.last, wait.start <= last.end {
                    spans[spans.count - 1].end = max(last.end, wait.end)
                } else {
                    spans.append(wait)
                }
            }
            while spans.count > waitLimit {
                // Close the smallest gap.
                var smallest = 0
                for index in 1..<(spans.count - 1) where spans[index + 1].start - spans[index].end < spans[smallest + 1].start - spans[smallest].end {
                    smallest = index
                }
                spans[smallest].end = spans[smallest + 1].end
                spans.remove(at: smallest + 1)
            }
            result += spans
        }
        return result.sorted { $0.start < $1.start }
    }
}
