// The real binary against recipes that try to outrun the limits: exit 1 with one line, never a crash.
import Foundation
import Testing

/// One at a time: each case keeps a core busy until its limit.
@Suite(.serialized) struct LimitCommandTests {
    /// 30,000 coroutine.close calls nested in __close handlers overflowed the C stack (exit 139, 5.4.4's
    /// lua_resetthread); the sandbox's coroutine.close refuses past 16.
    @Test func nestedClosesEndWithAnErrorNotACrash() throws {
        let scratch = try Scratch()
        try scratch.write("nest.lua", """
            local coro = false
            for i = 1, 30000 do
              local previous = coro
              coro = coroutine.create(function()
                local cc <close> = setmetatable({}, {__close = function()
                  if previous then assert(coroutine.close(previous)) end
                end})
                coroutine.yield()
              end)
              assert(coroutine.resume(coro))
            end
            assert(coroutine.close(coro))
            """)
        let result = try OmneoRunBinary.run(["run", "nest.lua", "--sandbox", "--timeout", "2", "--max-memory", "64"], in: scratch.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("too many nested coroutine.close calls (more than 16, each from a __close handler)\n"),
            "\(result.stderr)")
    }

    @Test(arguments: [
        // A task closes a coroutine whose __close handler loops.
        ("close.lua", """
            local co = coroutine.create(function()
              local x <close> = setmetatable({}, {__close = function() while true do end end})
              coroutine.yield()
            end)
            coroutine.resume(co)
            omneo.wait(omneo.spawn(coroutine.close, co))
            """, "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("move.lua", "table.move({}, 1, 2^62, 2)", "move.lua:1: timeout: the recipe ran longer than 1 s (--timeout)"),
        ("spawn.lua", "for i = 1, 100000 do omneo.spawn(function() while true do end end) end",
         "spawn.lua:1: omneo.spawn: 10000 tasks are already running"),
        ("json.lua", "local t = {1} for i = 1, 22 do t = {t, t} end omneo.json.encode(t)",
         "json.lua: out of memory: the recipe needed more than 64 MB (--max-memory 64)"),
        // The other classes of the in-process limit tests (RecipeLimitTests), as a user meets them.
        ("closeco.lua", """
            local co = coroutine.create(function()
              local x <close> = setmetatable({}, {__close = function() while true do end end})
              coroutine.yield()
            end)
            coroutine.resume(co)
            coroutine.close(co)
            """, "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("wrap.lua", """
            local f = coroutine.wrap(function()
              local x <close> = setmetatable({}, {__close = function() while true do end end})
              error("boom")
            end)
            f()
            """, "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("insert.lua", "table.insert(setmetatable({}, {__len = function() return 2^62 end}), 1, 'x')",
         "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("remove.lua", "table.remove(setmetatable({}, {__len = function() return 2^62 end}), 1)",
         "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("concat.lua", "local t = setmetatable({}, {__index = table.concat}) return table.concat(t, '', 1, 2^62)",
         "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("sort.lua", "table.sort(setmetatable({}, {__len = function() return 2^31 - 2 end, __index = rawlen, __newindex = rawequal}))",
         "timeout: the recipe ran longer than 1 s (--timeout)"),
        ("rep.lua", "string.rep('x', 2^62, '')", "rep.lua:1: resulting string too large"),
        ("unpack.lua", "table.unpack({}, 1, 2^40)", "unpack.lua:1: too many results to unpack"),
        ("format.lua", "string.format('%99999999999d', 1)", "invalid conversion specification: '%99999999999d'"),
        ("taskdag.lua", "local t = {1} for i = 1, 22 do t = {t, t} end omneo.json.encode(omneo.wait(omneo.spawn(function() return t end)))",
         "out of memory: the recipe needed more than 64 MB (--max-memory 64)"),
    ])
    func runawayRecipesStopAtTheLimits(_ name: String, _ source: String, _ message: String) throws {
        let scratch = try Scratch()
        try scratch.write(name, source)
        let start = ContinuousClock.now
        // The memory case must meet its limit, not a loaded machine's clock: it alone gets time to spare.
        let timeout = message.contains("--max-memory") ? 60 : 1
        let result = try OmneoRunBinary.run(["run", name, "--timeout", "\(timeout)", "--max-memory", "64"], in: scratch.url)
        #expect(ContinuousClock.now - start < .seconds(timeout + 3))
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").first?.contains(message) == true, "\(result.stderr)")
    }

    /// The host stays flat while recipes pile up work it keeps records of: 100,000 spawns (refused past the
    /// cap of live tasks) and 25,000 CSV readers nobody iterates (closed as they go). Peak RSS against an
    /// empty recipe's, both under the same limits.
    @Test(arguments: [
        ("for i = 1, 100000 do omneo.spawn(function() while true do end end) end", 1),
        ("for i = 1, 25000 do omneo.csv.rows('X.csv') end", 0),
    ])
    func recordsOfTasksAndReadersKeepTheHostFlat(_ source: String, _ status: Int32) throws {
        let scratch = try Scratch()
        try scratch.write("X.csv", "email\na@example.com\n")
        let empty = try scratch.write("empty.lua", "")
        let piled = try scratch.write("piled.lua", source)
        let baseline = try PeakMemory.measure(OmneoRunBinary.path, [empty, "--max-memory", "64"])
        let grown = try PeakMemory.measure(OmneoRunBinary.path, [piled, "--max-memory", "64", "--timeout", "30"])
        #expect(grown.status == status)
        #expect(grown.kilobytes - baseline.kilobytes < 96 * 1024, "peak RSS \(baseline.kilobytes) KB -> \(grown.kilobytes) KB")
    }

    /// The copy of a table of shared sub-tables counts against --max-memory: the process grows by about
    /// the limit, not by the gigabyte the copy would take.
    @Test func sharedTablesKeepTheHostFlat() throws {
        let scratch = try Scratch()
        let empty = try scratch.write("empty.lua", "")
        let shared = try scratch.write("shared.lua", "local t = {1} for i = 1, 22 do t = {t, t} end omneo.json.encode(t)")
        let baseline = try PeakMemory.measure(OmneoRunBinary.path, [empty, "--max-memory", "16"])
        let grown = try PeakMemory.measure(OmneoRunBinary.path, [shared, "--max-memory", "16", "--timeout", "5"])
        #expect(grown.status == 1)
        #expect(grown.kilobytes - baseline.kilobytes < 48 * 1024, "peak RSS \(baseline.kilobytes) KB -> \(grown.kilobytes) KB")
    }
}
