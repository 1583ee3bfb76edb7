// --timeout and --max-memory stop every kind of runaway recipe with one line, never a hang.
import Foundation
import Testing
@testable import OmneoRuntime

/// One at a time: each case keeps a core busy until its limit, and the rest of the suite needs the other.
@Suite(.serialized) struct RecipeLimitTests {
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

    // MARK: __close handlers

    @Test(arguments: [
        """
        local co = coroutine.create(function()
          local x <close> = setmetatable({}, {__close = function() while true do end end})
          coroutine.yield()
        end)
        coroutine.resume(co)
        coroutine.close(co)
        """,
        """
        local f = coroutine.wrap(function()
          local x <close> = setmetatable({}, {__close = function() while true do end end})
          error("boom")
        end)
        f()
        """,
    ])
    func closeHandlersHitTheTimeout(_ code: String) throws {
        try expectStopped(code, timeout: 0.3, mentioning: "timeout: the recipe ran longer than 0.3 s (--timeout)")
    }

    // MARK: C loops that run no VM instruction

    /// Each ran in C for years: Lua's own table functions loop over the range asked for, and an
    /// access that finds nothing (or goes through a C metamethod) runs no instruction for the hook.
    @Test(arguments: [
        "table.move({}, 1, 2^62, 2)",
        "table.move({}, 1, 2^62, 1, {})",
        "table.insert(setmetatable({}, {__len = function() return 2^62 end}), 1, 'x')",
        "table.remove(setmetatable({}, {__len = function() return 2^62 end}), 1)",
        "local t = setmetatable({}, {__index = table.concat}) return table.concat(t, '', 1, 2^62)",
        "table.sort(setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawequal}))",
        // The lexer reads an ever longer numeral from a reader that is a C function.
        "load(os.time)",
    ])
    func cLoopsHitTheTimeout(_ code: String) throws {
        try expectStopped(code, timeout: 0.3, mentioning: "timeout: the recipe ran longer than 0.3 s (--timeout)")
    }

    /// Bounded before they loop: nothing to copy, or a count Lua refuses up front.
    @Test(arguments: [
        ("assert(string.rep('', 2^62) == '' and ('').rep('', 2^62, '') == '')", nil),
        ("string.rep('x', 2^62, '')", "resulting string too large"),
        ("table.unpack({}, 1, 2^40)", "too many results to unpack"),
        ("string.format('%99999999999d', 1)", "invalid conversion specification: '%99999999999d'"),
        ("string.format('%.99999f', 1)", "invalid conversion specification"),
    ] as [(String, String?)])
    func hugeCountsAreRefusedAtOnce(_ code: String, _ message: String?) throws {
        let fixture = try RecipeFixture()
        let start = ContinuousClock.now
        let (outcome, _) = try fixture.run(code, timeout: 5)
        #expect(ContinuousClock.now - start < .seconds(1))
        if let message {
            #expect(RecipeFixture.message(outcome, in: fixture)?.contains(message) == true, "\(outcome)")
        } else {
            #expect(outcome == .finished, "\(outcome)")
        }
    }

    @Test func hugeRepeatHitsTheMemoryLimit() throws {
        try expectStopped("local s = ('x'):rep(2^30, '')", memoryMB: 16, mentioning: "--max-memory 16")
    }

    // MARK: Values that grow on the Swift side

    /// A table of shared sub-tables: 23 tables in Lua, 4 million leaves once copied.
    static let sharedTables = "local t = {1} for i = 1, 22 do t = {t, t} end"

    @Test func sharedTablesThroughJSONHitTheMemoryLimit() throws {
        try expectStopped("\(Self.sharedTables) omneo.json.encode(t)", timeout: 2,
            mentioning: "out of memory: the recipe needed more than 64 MB (--max-memory 64)")
    }

    // MARK: Tasks

    @Test func tooManyTasksRaiseAClearError() async throws {
        let fixture = try RecipeFixture()
        let (outcome, elapsed) = try await fixture.schedule("for i = 1, 100000 do omneo.spawn(function() end) end", timeout: 2)
        #expect(elapsed < 3)
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1: omneo.spawn: 10000 tasks are already running"), "\(message)")
    }

    @Test(arguments: [
        // Many alive, each looping.
        "for i = 1, 9999 do omneo.spawn(function() while true do end end) end",
        // Each task starts the next one and ends: the scheduler itself never waits.
        "local function hop() omneo.spawn(hop) end hop()",
        // A task closes a coroutine of the recipe's whose __close handler loops.
        """
        local co = coroutine.create(function()
          local x <close> = setmetatable({}, {__close = function() while true do end end})
          coroutine.yield()
        end)
        coroutine.resume(co)
        omneo.wait(omneo.spawn(coroutine.close, co))
        """,
    ])
    func theTimeoutHoldsWhateverTheTasks(_ code: String) async throws {
        let fixture = try RecipeFixture()
        let (outcome, elapsed) = try await fixture.schedule(code, timeout: 0.3)
        #expect(elapsed < 2)
        guard case .stopped(let message) = outcome else { Issue.record("expected a stop, got \(outcome)"); return }
        #expect(message.contains("timeout: the recipe ran longer than 0.3 s (--timeout)"), "\(message)")
    }

    @Test func tasksCountAgainstTheMemoryLimit() async throws {
        let fixture = try RecipeFixture()
        let outcome = try await fixture.schedule("for i = 1, 9000 do omneo.spawn(function() end) end", timeout: 5, memoryMB: 4).outcome
        #expect(outcome == .stopped(message: "\(fixture.directory.path)/recipe.lua: out of memory: the recipe needed more than 4 MB (--max-memory 4)"))
    }

    @Test func aTaskCannotCloseTheMainTask() async throws {
        let fixture = try RecipeFixture()
        let started = ContinuousClock.now
        let (outcome, _) = try await fixture.schedule("""
            local main = coroutine.running()
            local x <close> = setmetatable({}, {__close = function() while true do end end})
            omneo.wait(omneo.spawn(coroutine.close, main))
            """, timeout: 5)
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.contains("cannot close a task the host runs"), "\(message)")
        // The main task's own looping handler, run as its error unwinds, is still stopped by the timeout
        // (bounded loosely: a loaded machine is slow, a handler nobody stops runs until killed).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    /// A task's results stay in Lua: the waiter gets the very table (a copy of its 4 million leaves would
    /// not fit in 16 MB), and the limits still apply when the recipe copies it on purpose.
    @Test func sharedTablesReturnedFromATaskAreNotCopied() async throws {
        let fixture = try RecipeFixture()
        let (returned, _) = try await fixture.schedule("""
            \(Self.sharedTables)
            local got, f = omneo.wait(omneo.spawn(function() return t, print end))
            assert(got == t and f == print)
            """, timeout: 5, memoryMB: 16)
        #expect(returned == .finished, "\(returned)")
        let (encoded, _) = try await fixture.schedule("""
            \(Self.sharedTables)
            omneo.json.encode(omneo.wait(omneo.spawn(function() return t end)))
            """, timeout: 2)
        #expect(RecipeFixture.message(encoded, in: fixture)?.contains("out of memory") == true, "\(encoded)")
    }
}

extension RecipeFixture {
    /// Runs `source` as recipe.lua with the scheduler (tasks run), without a tenant; returns how it ended
    /// and how long it ran (by its own clock: a busy test process may start it late).
    func schedule(_ source: String, timeout: Double?, memoryMB: Int? = 64) async throws -> (outcome: RecipeOutcome, seconds: Double) {
        var options = RecipeOptions(recipePath: try write("recipe.lua", source))
        options.timeout = timeout
        options.maxMemoryMB = memoryMB
        options.stdlibDirectory = StdlibLocator.sourceTree + "/stdlib"
        let result = await RecipeRunner.execute(options)
        return (result.outcome, result.summary.elapsed)
    }
}
