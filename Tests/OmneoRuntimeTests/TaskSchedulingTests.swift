// omneo.spawn / wait / each: tasks overlap their waits on the tenant; errors and limits still hold.
import Foundation
import OmneoClient
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct TaskSchedulingTests {
    static func slowTenant(latency: Double = 100) async throws -> TenantFixture {
        var seed = TenantAPITests.seed
        seed.tokens = SandboxToken.demoTokens
        let tenant = try await TenantFixture(seed: seed, latency: latency)
        return tenant
    }

    @Test func eachOverlapsCallsOfPlainSequentialCode() async throws {
        let tenant = try await Self.slowTenant()
        let run = try await tenant.run("recipe.lua", source: """
            local ids = {}
            for i = 1, 40 do ids[i] = "p" .. i end
            local emails = omneo.each(ids, function(id) return omneo.profiles.get(id).email end, {concurrency = 8})
            assert(#emails == 40 and emails[7] == "person7@example.com", emails[7])
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        let calls = tenant.server.requestLog.entries().filter { $0.endpoint == "GET /v3/profiles/{id}" }
        #expect(calls.count == 40)
        // One call at a time, the tenant never holds two; overlapped, it holds several at once.
        let mostAtOnce = calls.map { call in calls.count(where: { $0.arrival <= call.arrival && call.arrival < $0.time }) }.max() ?? 0
        #expect(mostAtOnce >= 3, "calls did not overlap: at most \(mostAtOnce) in flight")
        await tenant.close()
    }

    @Test func spawnAndWaitReturnResultsInOrder() async throws {
        let tenant = try await Self.slowTenant(latency: 20)
        let run = try await tenant.run("recipe.lua", source: """
            local a = omneo.spawn(function(x) return x * 2, "second" end, 21)
            local b = omneo.spawn(function() return omneo.profiles.get("p2").email end)
            local x, y = omneo.wait(a)
            assert(x == 42 and y == "second")
            local first, email = omneo.wait(a, b)
            assert(first == 42 and email == "twin@example.com", email)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    @Test func aTaskErrorReachesItsWaiterWithItsLine() async throws {
        let tenant = try await Self.slowTenant(latency: 0)
        let run = try await tenant.run("recipe.lua", source: """
            local t = omneo.spawn(function()
              error("boom")
            end)
            local ok, err = pcall(omneo.wait, t)
            assert(not ok and err:find("recipe.lua:2: boom"), err)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    @Test func anErrorReachesAWaiterOfSeveralTasks() async throws {
        let tenant = try await Self.slowTenant(latency: 30)
        let run = try await tenant.run("recipe.lua", source: """
            local bad = omneo.spawn(function() error("early") end)
            local slow = omneo.spawn(function() return omneo.profiles.get("p1").id end)
            local ok, err = pcall(omneo.wait, bad, slow)
            assert(not ok and err:find("early"), err)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        await tenant.close()
    }

    @Test func anErrorNobodyWaitedForFailsTheRun() async throws {
        let tenant = try await Self.slowTenant(latency: 0)
        let run = try await tenant.run("recipe.lua", source: """
            omneo.spawn(function()
              omneo.profiles.get("p1")
              error("lost")
            end)
            """)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch)
            == "DIR/recipe.lua:3: lost (in a task started by omneo.spawn that nobody waited for)")
        await tenant.close()
    }

    @Test func tasksWaitingForEachOtherAreReported() async throws {
        let tenant = try await Self.slowTenant(latency: 0)
        let run = try await tenant.run("recipe.lua", source: """
            local holder = {}
            holder.a = omneo.spawn(function() omneo.profiles.get("p1"); return omneo.wait(holder.b) end)
            holder.b = omneo.spawn(function() omneo.profiles.get("p2"); return omneo.wait(holder.a) end)
            omneo.wait(holder.a)
            """)
        #expect(RecipeFixture.message(run.outcome, in: tenant.scratch)?.contains("wait for each other and can never finish") == true)
        await tenant.close()
    }

    @Test func timeoutHoldsWhileTasksWaitOnTheTenant() async throws {
        let tenant = try await Self.slowTenant(latency: 400)
        var options = RecipeOptions(recipePath: try tenant.scratch.write("recipe.lua", """
            omneo.each({"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"}, function(id)
              for _ = 1, 40 do omneo.profiles.get(id) end
            end)
            """))
        options.client = tenant.client
        options.timeout = 1
        let started = ContinuousClock.now
        let result = await RecipeRunner.execute(options)
        // 360 calls of 400 ms, eight at a time, would take 18 s: the run stops at the 1 s deadline instead
        // (1.2 s alone; the bound leaves room for a machine loaded by the rest of the suite, which took 9.5 s).
        #expect(ContinuousClock.now - started < .seconds(14))
        guard case .stopped(let message) = result.outcome else {
            Issue.record("expected a timeout, got \(result.outcome)")
            return
        }
        #expect(message.contains("timeout: the recipe ran longer than 1 s (--timeout)"))
        await tenant.close()
    }

    @Test func memoryLimitHoldsWithManyTasks() async throws {
        let tenant = try await Self.slowTenant(latency: 0)
        var options = RecipeOptions(recipePath: try tenant.scratch.write("recipe.lua", """
            local hoard = {}
            omneo.each({1, 2, 3, 4, 5, 6, 7, 8}, function(i)
              omneo.profiles.get("p" .. i)
              for n = 1, 1e8 do hoard[#hoard + 1] = ("x"):rep(100) .. n end
            end)
            """))
        options.client = tenant.client
        options.maxMemoryMB = 32
        let result = await RecipeRunner.execute(options)
        guard case .stopped(let message) = result.outcome else {
            Issue.record("expected the memory limit, got \(result.outcome)")
            return
        }
        #expect(message.contains("out of memory: the recipe needed more than 32 MB"))
        await tenant.close()
    }
}
