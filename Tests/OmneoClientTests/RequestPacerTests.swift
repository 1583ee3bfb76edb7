// The pacer's decisions, without clocks: when a 429 pauses everyone, and when the pace eases off.
@testable import OmneoClient
import Testing

@Suite struct RequestPacerTests {
    @Test func a429WithBudgetLeftHoldsOnlyItsRequest() {
        let pacer = RequestPacer(rate: 10)
        pacer.observe(limit: 100, remaining: 90)
        #expect(pacer.tooManyRequests(retryAfter: 1) == false)
        #expect(!pacer.isPaused && pacer.pace == 1)
    }

    @Test func a429WhenTheBudgetIsSpentPausesEveryone() {
        let pacer = RequestPacer(rate: 10)
        pacer.observe(limit: 100, remaining: 3)
        #expect(pacer.tooManyRequests(retryAfter: 1))
        #expect(pacer.isPaused && pacer.pace == 1, "one 429: wait it out, then the tenant's window is empty again")
        // Answers to requests sent before the pause report the spent budget: they lower nothing more.
        for _ in 0..<10 { pacer.observe(limit: 100, remaining: 0) }
        #expect(pacer.pace == 1)
        // Another 429 so soon: the tenant allows less than the configured rate, so the pace halves.
        #expect(pacer.tooManyRequests(retryAfter: 2))
        #expect(pacer.pace == 0.5)
        // Without any X-RateLimit headers there is no telling: pause.
        let blind = RequestPacer(rate: 10)
        #expect(blind.tooManyRequests(retryAfter: 1) && blind.isPaused)
    }

    @Test func thePaceEasesWhenRemainingRunsLowAndRecovers() {
        let pacer = RequestPacer(rate: 10)
        for remaining in [9, 5, 2, 1, 0, 0, 0] { pacer.observe(limit: 10, remaining: remaining) }
        let slowed = pacer.pace
        #expect(slowed == 0.5, "once a window, however many answers report the empty budget")
        for _ in 0..<40 { pacer.observe(limit: 10, remaining: 9) }
        #expect(pacer.pace > slowed && pacer.pace <= 1)
    }
}
