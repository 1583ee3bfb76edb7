// The lock around the client's statistics: many tasks record into it at once.
import NIOConcurrencyHelpers

final class StatisticsRecorder: Sendable {
    private let box = NIOLockedValueBox(ClientStatistics())

    var snapshot: ClientStatistics { box.withLockedValue { $0 } }

    func record(_ change: (inout ClientStatistics) -> Void) {
        box.withLockedValue { change(&$0) }
    }
}
