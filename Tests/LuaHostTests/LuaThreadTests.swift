// Host yields: a Swift call suspends the coroutine, also from inside a recipe's own coroutines.
import LuaHost
import Testing

@Suite struct LuaThreadTests {
    private func state() throws -> LuaState {
        let state = try LuaState()
        state.openSafeLibraries()
        state.installSandboxShims()
        state.setGlobal("host", state.table(of: [
            "wait": { call in
                call.pushHostYieldTag()
                return .yield(1)
            },
            "fail_after_wait": { _ in throw LuaCallError("refused") },
        ]))
        return state
    }

    @Test func hostYieldSuspendsAndResumesWithResults() throws {
        let state = try state()
        let thread = LuaThread(state: state, function: try state.load("return host.wait() + 1", chunkName: "=t"))
        guard case .hostYield = try thread.resume() else { Issue.record("expected a host yield"); return }
        guard case .finished(let results) = try thread.resume([41]) else { Issue.record("expected the end"); return }
        #expect(try results.values() == [42])
    }

    @Test func hostYieldPassesThroughRecipeCoroutines() throws {
        let state = try state()
        let source = """
            local inner = coroutine.wrap(function()
              local got = host.wait()
              coroutine.yield("recipe yield " .. got)
              return "inner done"
            end)
            local co = coroutine.create(function() return host.wait() * 2 end)
            local first = inner()
            local ok, doubled = coroutine.resume(co)
            return first, inner(), ok, doubled
            """
        let thread = LuaThread(state: state, function: try state.load(source, chunkName: "=t"))
        guard case .hostYield = try thread.resume() else { Issue.record("first wait"); return }
        guard case .hostYield = try thread.resume(["a"]) else { Issue.record("second wait"); return }
        guard case .finished(let results) = try thread.resume([21]) else { Issue.record("end"); return }
        #expect(try results.values() == ["recipe yield a", "inner done", true, 42])
    }

    @Test func plainYieldAtTopLevelIsReported() throws {
        let state = try state()
        let thread = LuaThread(state: state, function: try state.load("coroutine.yield(1)", chunkName: "=t"))
        guard case .yielded(let values) = try thread.resume() else { Issue.record("expected a yield"); return }
        #expect(values == [1])
    }

    @Test func errorsCarryTracebacks() throws {
        let state = try state()
        let source = "local function f()\n  host.fail_after_wait()\nend\nf()"
        let thread = LuaThread(state: state, function: try state.load(source, chunkName: "@r.lua"))
        guard case .failed(let error) = try thread.resume() else { Issue.record("expected failure"); return }
        #expect(error.message == "r.lua:2: refused")
        #expect(error.traceback?.contains("r.lua:2: in local 'f'") == true)
        #expect(error.traceback?.contains("r.lua:4: in main chunk") == true)
    }

    @Test func resumeRulesMatchLua() throws {
        let state = try state()
        let values = try state.run("""
            local co = coroutine.create(function() return 1 end)
            coroutine.resume(co)
            local dead = { coroutine.resume(co) }
            local w = coroutine.wrap(function() error("inner") end)
            local ok, err = pcall(w)
            local selfresume = { coroutine.resume(coroutine.running()) }
            return dead[2], err, selfresume[2]
            """, chunkName: "@c.lua")
        #expect(values == ["cannot resume dead coroutine", "c.lua:4: inner", "cannot resume non-suspended coroutine"])
    }
}
