// The in-flight bound follows the tenant: pace x round trip x 1.25 (Little's law with a quarter to
// spare) + 2 waiting at the pacer, halved on push-back and grown back one at a time, never past the cap.
import Foundation
import OmneoClient
@testable import OmneoSession
import Testing

/// A value behind a lock, for the closures the gate calls from its own isolation.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLockedValue<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}

@Suite struct InFlightGateTests {
    final class Flow: Sendable {
        let box = Locked(FlowReading(rate: 100, roundTrip: nil, pushbacks: 0))
        var reading: FlowReading { box.withLockedValue { $0 } }
        func set(_ change: (inout FlowReading) -> Void) { box.withLockedValue { change(&$0) } }
    }

    /// Runs `count` calls one after another, a little apart, so the gate looks at the flow.
    static func complete(_ count: Int, on gate: InFlightGate) async throws {
        for _ in 0..<count {
            try await gate.run { try await Task.sleep(for: .milliseconds(40)) }
        }
    }

    @Test func theBoundIsThePaceTimesTheRoundTripWithAQuarterToSpare() async throws {
        let flow = Flow()
        let said = Locked<[String]>([])
        let gate = InFlightGate(cap: 64, reading: { flow.reading }, announce: { line in said.withLockedValue { $0.append(line) } })
        // Before any answer: a 100 ms round trip is assumed.
        #expect(await gate.limit == 15)
        flow.set { $0.roundTrip = 0.095 }
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 14)  // 100/s x 95 ms x 1.25 = 11.9, + 2 waiting at the pacer
        flow.set { $0.roundTrip = 0.3 }
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 40)
        #expect(said.withLockedValue { $0 }.last == "requests in flight: 40 (100/s x round trip 300 ms x 1.25 + 2 at the pacer)")
        // Never past the cap.
        flow.set { $0.roundTrip = 2 }
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 64)
    }

    @Test func aPushBackHalvesItAndItGrowsBackOneAtATime() async throws {
        let flow = Flow()
        flow.set { $0.roundTrip = 0.3 }
        let gate = InFlightGate(cap: 64, reading: { flow.reading })
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 40)
        flow.set { $0.pushbacks += 3 }
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 20)
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 21)
        // A lower pace (the pacer slowed down for 429s) lowers the target too.
        flow.set { $0.rate = 10 }
        try await Self.complete(8, on: gate)
        #expect(await gate.limit == 6)
    }

    @Test func noMoreThanTheBoundRunAtOnce() async throws {
        let gate = InFlightGate(cap: 3)
        let running = Locked((now: 0, most: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await gate.run {
                        running.withLockedValue { $0.now += 1; $0.most = max($0.most, $0.now) }
                        try await Task.sleep(for: .milliseconds(10))
                        running.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(running.withLockedValue { $0.most } == 3)
    }
}
