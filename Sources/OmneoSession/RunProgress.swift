// What a run is doing right now, for the live progress line: read from another thread, so behind a lock.
import Foundation

public final class RunProgress: @unchecked Sendable {
    public struct Snapshot: Sendable {
        /// "resolving emails", "sending batches", "waiting for batches", or "" between phases.
        public var phase = ""
        public var done = 0
        public var total = 0
        public var rows = 0
    }

    private let lock = NSLock()
    private var state = Snapshot()

    public init() {}

    public var snapshot: Snapshot { lock.withLock { state } }

    func begin(_ phase: String, total: Int) {
        lock.withLock {
            state.phase = phase
            state.done = 0
            state.total = total
        }
    }

    func step() { lock.withLock { state.done += 1 } }

    func end() { lock.withLock { state.phase = "" } }

    package func row() { lock.withLock { state.rows += 1 } }
}
