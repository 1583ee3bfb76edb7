// --timeout and --max-memory stop every kind of runaway recipe with one line, never a hang.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct RecipeLimitTests {
    private func expectStopped(
        _ code: String, timeout: Double = 0.5, memoryMB: Int = 64, within seconds: Double = 3, mentioning words: String
    ) throws {
        let fixture = try RecipeFixture()
        let start = ContinuousClock.now
        let (outcome, _) = try fixture.run(code, timeout: timeout, memoryMB: memoryMB)
        let elapsed = ContinuousClock.now - start
        guard case .stopped(let message) = outcome else {
            Issue.record("expected a stop, got \(outcome)")
            return
        }
        #expect(!message.contains("\n"), "one line: \(message)")
        #expect(message.contains(words), "\(message)")
        #expect(elapsed < .seconds(seconds), "stopped after \(elapsed)")
    }

    @Test func infiniteLoopHitsTheTimeout() throws {
        try expectStopped("while true do end", mentioning: "timeout: the recipe ran longer than 0.5 s (--timeout)")
    }

    @Test func pcallCannotSwallowTheTimeout() throws {
        try expectStopped("while true do pcall(function() while true do end end) end", mentioning: "timeout")
    }

    @Test func loopingXpcallHandlerHitsTheTimeout() throws {
        try expectStopped("xpcall(error, function() while true do end end)", mentioning: "timeout")
    }

    @Test func coroutineCannotEscapeTheTimeout() throws {
        try expectStopped("""
            local co = coroutine.wrap(function() while true do coroutine.yield() end end)
            while true do co() end
            """, mentioning: "timeout")
        try expectStopped("""
            local co = coroutine.create(function() while true do end end)
            coroutine.resume(co)
            error("resume swallowed the timeout")
            """, mentioning: "timeout")
    }

    @Test func catastrophicPatternHitsTheTimeout() throws {
        try expectStopped("local s = ('a'):rep(200) return s:find('.-.-.-.-.-b')", mentioning: "timeout")
    }

    @Test func tableGrowingForeverHitsTheMemoryLimit() throws {
        try expectStopped("local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end",
            timeout: 20, memoryMB: 16, within: 20, mentioning: "out of memory: the recipe needed more than 16 MB")
    }

    @Test func hugeStringHitsTheMemoryLimit() throws {
        try expectStopped("local s = string.rep('x', 1e9)", timeout: 20, memoryMB: 16, within: 20,
            mentioning: "--max-memory 16")
    }

    @Test func memoryErrorsCaughtByPcallStillEndAtTheTimeout() throws {
        try expectStopped("while true do pcall(string.rep, 'x', 1e9) end", timeout: 0.5, memoryMB: 16,
            mentioning: "timeout")
    }

    @Test func finishedRecipesAreNotStoppedByTheirTimeout() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("local n = 0 for i = 1, 1000 do n = n + i end", timeout: 5)
        #expect(outcome == .finished)
    }
}
