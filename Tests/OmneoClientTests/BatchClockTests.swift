// The first poll of a batch goes when the client's earlier batches were found done, not at once.
@testable import OmneoClient
import Testing

@Suite struct BatchClockTests {
    @Test func theFirstPollWaitsAsLongAsTheQuickestSettledBatchTook() {
        let clock = BatchClock()
        let start = ContinuousClock.now
        clock.posted("a", at: start)
        #expect(clock.firstPoll("a", fallback: .milliseconds(500)) == start + .milliseconds(500), "before any batch settled: the fallback")
        clock.settled("a", pollSent: start + .milliseconds(700))
        #expect(clock.estimate == .milliseconds(700))
        clock.posted("b", at: start + .seconds(1))
        #expect(clock.firstPoll("b", fallback: .milliseconds(500)) == start + .milliseconds(1700))
        clock.settled("b", pollSent: start + .milliseconds(1400))
        #expect(clock.estimate == .milliseconds(400), "a quicker batch tightens the estimate")
        clock.settled("c", pollSent: start + .seconds(5))
        #expect(clock.estimate == .milliseconds(400), "a batch this client did not post teaches nothing")
    }

    @Test func aBatchPostedByAnotherProcessIsPolledAtOnce() {
        let clock = BatchClock()
        let before = ContinuousClock.now
        #expect(clock.firstPoll("from-an-earlier-run", fallback: .seconds(5)) <= ContinuousClock.now)
        #expect(clock.firstPoll("from-an-earlier-run", fallback: .seconds(5)) >= before)
    }
}
