// A run's one-way stop (Ctrl-C, a declined confirmation): once thrown, the client sends no request that
// has not left yet, and each of its waits (the pace, a backoff, a batch poll's interval) ends at once;
// requests already on the wire are answered, and their callers journal them, as usual.
import Dispatch
import NIOConcurrencyHelpers

public final class StopSwitch: Sendable {
    private struct State {
        var reason: String?
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Why sending stopped, or nil while the client still sends.
    public var reason: String? { state.withLockedValue { $0.reason } }

    public var isStopped: Bool { reason != nil }

    /// Stops sending. The first reason stays: a second stop changes nothing.
    public func stop(_ reason: String) {
        let woken = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            guard state.reason == nil else { return [] }
            state.reason = reason
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns once the switch is thrown, or once the calling task is cancelled.
    public func wait() async {
        await suspend(until: nil)
    }

    /// Throws `SendingStopped` for `call` once the switch is thrown.
    public func check(_ call: String) throws {
        if let reason { throw SendingStopped(call: call, reason: reason) }
    }

    /// Sleeps until `deadline`, or throws `SendingStopped` as soon as the switch is thrown.
    public func sleep(until deadline: ContinuousClock.Instant, call: String) async throws {
        try check(call)
        guard deadline > .now else { return }
        await suspend(until: deadline)
        try Task.checkCancellation()
        try check(call)
    }

    /// One suspension, ended by whichever comes first: the switch, the task's cancellation, or `deadline`
    /// (a timer resumes it, as `Task.sleep` would: no extra task, so a wake-up is no later than a sleep's).
    private func suspend(until deadline: ContinuousClock.Instant?) async {
        let id = state.withLockedValue { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLockedValue { state -> Bool in
                    if state.reason != nil || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { return continuation.resume() }
                if let deadline {
                    let delay = ContinuousClock.now.duration(to: deadline)
                    let nanoseconds = max(0, delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
                    DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in resume(id) }
                }
            }
        } onCancel: {
            resume(id)
        }
    }

    /// Ends waiter `id`'s suspension, if it is still suspended.
    private func resume(_ id: Int) {
        state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.resume()
    }
}

/// A request that was not sent because the run is stopping: nothing of it reached the tenant.
public struct SendingStopped: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let reason: String

    public var description: String { "\(call) was not sent: \(reason)" }
}
