// The counting allocator and the interrupt, at the host level.
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
}
