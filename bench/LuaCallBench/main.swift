// Measures a Lua -> Swift call against a Lua -> Lua call, and what --timeout's watchdog costs
// pure Lua code. Prints ns per call; run from bench/run.sh on a release build.
import LuaHost

#if canImport(Glibc)
import Glibc
#endif

func nanoseconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
}

/// Best of `rounds` runs of `loop(n)`, in ns per iteration.
func perIteration(_ state: LuaState, _ loop: LuaReference, _ n: Int, rounds: Int = 5) throws -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        best = min(best, try nanoseconds { try state.call(loop, [.value(.integer(Int64(n)))]) } / Double(n))
    }
    return best
}

let calls = 1_000_000
let state = try LuaState()
state.openSafeLibraries()
state.setGlobal("swift_noop", state.function(named: "swift_noop") { _ in .values(0) })
try state.run("function lua_noop() end")
let emptyLoop = try state.load("local n = ... for i = 1, n do end", chunkName: "=empty")
let swiftLoop = try state.load("local f, n = swift_noop, ... for i = 1, n do f() end", chunkName: "=swift")
let luaLoop = try state.load("local f, n = lua_noop, ... for i = 1, n do f() end", chunkName: "=lua")
let pureLua = try state.load("local n, x = ..., 0 for i = 1, n do x = x + i % 7 end return x", chunkName: "=pure")

let empty = try perIteration(state, emptyLoop, calls)
let swiftCall = try perIteration(state, swiftLoop, calls)
let luaCall = try perIteration(state, luaLoop, calls)
func fixed(_ value: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

print("calls: \(calls), loop overhead \(fixed(empty)) ns")
print("Lua -> Swift (bound function): \(fixed(swiftCall)) ns per call (\(fixed(swiftCall - empty)) ns without the loop)")
print("Lua -> Lua (trivial function): \(fixed(luaCall)) ns per call (\(fixed(luaCall - empty)) ns without the loop)")
print("ratio Swift/Lua call: \(fixed((swiftCall - empty) / (luaCall - empty), 2))")

let iterations = 10_000_000
let unguarded = try perIteration(state, pureLua, iterations, rounds: 3)
state.startWatchdog(seconds: 3600, message: "bench timeout")
let guarded = try perIteration(state, pureLua, iterations, rounds: 3)
state.stopWatchdog()
let cost = (guarded / unguarded - 1) * 100
print("pure Lua loop: \(fixed(unguarded, 2)) ns/iteration without --timeout, \(fixed(guarded, 2)) with (cost \(fixed(cost))%)")

// Lua -> Swift data: every conversion counts what it builds against the memory limit (one C call per
// node); a 100-field record and a 1,000-element list converted on each call.
state.memoryLimit = 1024 * 1024 * 1024
state.setGlobal("swift_take", state.function(named: "swift_take") { call in
    _ = try call.value(1)
    return .values(0)
})
let recordLoop = try state.load("""
    local f, n = swift_take, ... local r = {} for i = 1, 100 do r['field' .. i] = i end
    for i = 1, n do f(r) end
    """, chunkName: "=record")
let listLoop = try state.load("""
    local f, n = swift_take, ... local l = {} for i = 1, 1000 do l[i] = 'item' .. i end
    for i = 1, n do f(l) end
    """, chunkName: "=list")
let record = try perIteration(state, recordLoop, 20_000)
let list = try perIteration(state, listLoop, 2_000)
print("Lua -> Swift data: a 100-field table \(fixed(record / 1000, 2)) us per call, a 1,000-string list \(fixed(list / 1000, 1)) us")
