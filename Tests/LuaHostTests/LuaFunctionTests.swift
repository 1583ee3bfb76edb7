// Swift functions called from Lua: arguments, results, errors at the caller's line, no leaks.
@testable import LuaHost
import Testing

final class LiveCounter: @unchecked Sendable {
    nonisolated(unsafe) static var live = 0
    init() { Self.live += 1 }
    deinit { Self.live -= 1 }
}

@Suite struct LuaFunctionTests {
    private func state(with functions: [String: LuaFunction]) throws -> LuaState {
        let state = try LuaState()
        state.openSafeLibraries()
        state.setGlobal("host", state.table(of: functions, prefix: "host."))
        return state
    }

    @Test func argumentsAndResults() throws {
        let state = try state(with: [
            "add": { call in
                call.push(try call.integer(1) + call.integer(2))
                return .values(1)
            },
            "greet": { call in
                call.push("hello, \(try call.string(1))")
                try call.push(.array([1, 2]))
                return .values(2)
            },
        ])
        #expect(try state.run("return host.add(2, 40)") == [42])
        #expect(try state.run("return host.greet('ann')") == ["hello, ann", .array([1, 2])])
    }

    @Test func thrownErrorsCarryTheLuaCallersLine() throws {
        let state = try state(with: ["fail": { _ in throw LuaCallError("no such thing") }])
        let error = #expect(throws: LuaError.self) {
            try state.run("local x = 1\n\nhost.fail()", chunkName: "@recipes/foo.lua")
        }
        #expect(error?.message == "recipes/foo.lua:3: no such thing")
        #expect(error?.traceback?.contains("recipes/foo.lua:3") == true)
    }

    @Test func argumentErrorsNameTheFunction() throws {
        let state = try state(with: ["add": { call in
            call.push(try call.integer(1))
            return .values(1)
        }])
        let error = #expect(throws: LuaError.self) { try state.run("host.add('x')", chunkName: "@r.lua") }
        #expect(error?.message == "r.lua:1: bad argument #1 to 'host.add' (number expected, got string)")
    }

    @Test func errorsCanBeCaughtByPcall() throws {
        let state = try state(with: ["fail": { _ in throw LuaCallError("boom") }])
        let result = try state.run("local ok, err = pcall(function() host.fail() end) return ok, err", chunkName: "@r.lua")
        #expect(result == [false, "r.lua:1: boom"])
    }

    /// 100,000 errors raised out of Swift: no Swift object and no Lua memory is left behind.
    @Test func raisedErrorsLeakNothing() throws {
        let state = try state(with: ["fail": { _ in
            let object = LiveCounter()
            withExtendedLifetime(object) {}
            throw LuaCallError("failure with a Swift object alive in the frame")
        }])
        let loop = try state.load(
            "for i = 1, ... do pcall(host.fail) end collectgarbage() return collectgarbage('count')",
            chunkName: "=leak")
        try state.call(loop, [.value(1000)])
        state.collectGarbage()
        let before = state.memoryUsed
        try state.call(loop, [.value(100_000)])
        state.collectGarbage()
        #expect(LiveCounter.live == 0)
        #expect(abs(state.memoryUsed - before) < 4096)
    }
}
