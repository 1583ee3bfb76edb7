// The counting allocator and the interrupt, at the host level.
import Foundation
import LuaHost
import Testing

@Suite struct LuaLimitTests {
    @Test func memoryLimitRaisesAndTheStateStaysUsable() throws {
        let state = try LuaState(memoryLimit: 8 * 1024 * 1024)
        state.openSafeLibraries()
        let error = #expect(throws: LuaError.self) { try state.run("local t = {} for i = 1, 1e8 do t[i] = i end") }
        #expect(error?.isMemoryError == true)
        #expect(state.memoryLimitHit)
        state.collectGarbage()
        #expect(try state.run("return 1 + 1") == [2])
        #expect(state.memoryUsed < 8 * 1024 * 1024)
    }

    @Test func swiftCallsOverTheLimitFailAfterSwiftReturns() throws {
        let state = try LuaState(memoryLimit: 4 * 1024 * 1024)
        state.openSafeLibraries()
        state.setGlobal("big", state.function(named: "big") { call in
            try call.push(.string(LuaString(bytes: [UInt8](repeating: 65, count: 8 * 1024 * 1024))))
            return .values(1)
        })
        let error = #expect(throws: LuaError.self) { try state.run("local s = big() return #s") }
        #expect(error?.isMemoryError == true)
    }

    @Test func interruptStopsRunningCodeFromAnotherThread() throws {
        let state = try LuaState()
        state.openSafeLibraries()
        state.startWatchdog(seconds: 0.2, message: "stopped by test")
        let error = #expect(throws: LuaError.self) { try state.run("while true do end", chunkName: "@loop.lua") }
        #expect(error?.message == "loop.lua:1: stopped by test")
        #expect(state.isInterrupted)
    }

    @Test func watchdogStoppedInTimeDoesNothing() throws {
        let state = try LuaState()
        state.openSafeLibraries()
        state.startWatchdog(seconds: 0.05, message: "late")
        state.stopWatchdog()
        #expect(try state.run("local n = 0 for i = 1, 1e6 do n = n + i end return n") == [500000500000])
        #expect(!state.isInterrupted)
    }

    private func sandboxed(memoryLimit: Int = 0) throws -> LuaState {
        let state = try LuaState(memoryLimit: memoryLimit)
        state.openSafeLibraries()
        state.installSandboxShims()
        return state
    }

    /// A pending `<close>` whose handler loops, closed by coroutine.close or by a failing wrap: the handler
    /// runs on the closed coroutine, which the watchdog now arms like the one running.
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
    func closeHandlersStopAtTheWatchdog(_ source: String) throws {
        let state = try sandboxed()
        state.startWatchdog(seconds: 0.2, message: "stopped by test")
        let start = ContinuousClock.now
        let error = #expect(throws: LuaError.self) { try state.run(source, chunkName: "@close.lua") }
        #expect(error?.message.contains("stopped by test") == true, "\(error?.message ?? "")")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    /// 5.4.4's lua_resetthread restarts the count of nested C calls, so 30,000 closes nested in __close
    /// handlers overflowed the C stack; the sandbox's coroutine.close refuses beyond 16.
    @Test func nestedClosesAreRefusedNotACrash() throws {
        let state = try sandboxed()
        let values = try state.run("""
            local coro = false
            for i = 1, 30000 do
              local previous = coro
              coro = coroutine.create(function()
                local cc <close> = setmetatable({}, {__close = function()
                  if previous then assert(coroutine.close(previous)) end
                end})
                coroutine.yield()
              end)
              coroutine.resume(coro)
            end
            local shallow = coroutine.create(function()
              local cc <close> = setmetatable({}, {__close = function() end})
              coroutine.yield()
            end)
            coroutine.resume(shallow)
            return select(2, coroutine.close(coro)), coroutine.close(shallow)
            """, chunkName: "@nest.lua")
        #expect(values.first?.stringValue?.hasSuffix("too many nested coroutine.close calls (more than 16, each from a __close handler)") == true,
            "\(values)")
        #expect(values.last == true)
    }

    @Test func hostTasksCannotBeResumedOrClosedByLua() throws {
        let state = try sandboxed()
        state.setGlobal("wait", state.function(named: "wait") { call in
            call.pushHostYieldTag()
            return .yield(1)
        })
        let parked = LuaThread(state: state, function: try state.load("victim = coroutine.running() wait()", chunkName: "=a"))
        guard case .hostYield = try parked.resume() else { Issue.record("expected a host yield"); return }
        let other = LuaThread(state: state, function: try state.load("""
            return select(2, pcall(coroutine.close, victim)), select(2, coroutine.resume(victim))
            """, chunkName: "@b.lua"))
        guard case .finished(let results) = try other.resume() else { Issue.record("expected the end"); return }
        #expect(try results.values() == [
            "cannot close a task the host runs (the recipe itself or an omneo.spawn task)",
            "cannot resume a task the host runs (wait for it with omneo.wait)",
        ])
    }

    /// A table of shared sub-tables: 23 tables in Lua, 4 million leaves once copied into Swift.
    static let sharedTables = "local t = {1} for i = 1, 22 do t = {t, t} end return t"

    @Test func conversionsCountAgainstTheMemoryLimit() throws {
        let state = try sandboxed(memoryLimit: 16 * 1024 * 1024)
        state.setGlobal("take", state.function(named: "take") { call in
            _ = try call.value(1)
            return .values(0)
        })
        let start = ContinuousClock.now
        let error = #expect(throws: LuaError.self) { try state.run("take((function() \(Self.sharedTables) end)())") }
        #expect(error?.isMemoryError == true, "\(error?.message ?? "")")
        #expect(ContinuousClock.now - start < .seconds(5))
        // What pcall sees is Lua's own memory error; the state goes on.
        #expect(try state.run("return select(2, pcall(take, (function() \(Self.sharedTables) end)()))") == ["not enough memory"])
        #expect(try state.run("take({1, 2, {3}}) return 1") == [1])
    }

    @Test func conversionsStopAtTheWatchdog() throws {
        let state = try sandboxed()
        state.setGlobal("take", state.function(named: "take") { call in
            _ = try call.value(1)
            return .values(0)
        })
        try state.run("shared = (function() \(Self.sharedTables.replacingOccurrences(of: "22", with: "40")) end)()")
        state.startWatchdog(seconds: 0.2, message: "stopped by test")
        let start = ContinuousClock.now
        let error = #expect(throws: LuaError.self) { try state.run("take(shared)", chunkName: "@take.lua") }
        #expect(error?.message == "take.lua:1: stopped by test")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func finishedThreadsKeepTheirResultsInLua() throws {
        let state = try sandboxed()
        let thread = LuaThread(state: state, function: try state.load("""
            shared = {}
            return shared, print, nil, 4
            """, chunkName: "=t"))
        guard case .finished(let results) = try thread.resume() else { Issue.record("expected the end"); return }
        #expect(results.count == 4)
        state.setGlobal("packed", results.packed)
        #expect(try state.run("return packed[1] == shared, packed[2] == print, packed.n") == [true, true, 4])
    }
}
