// What the sandbox's isolation (read-only views of what chunks share) costs string method calls: the same
// loops in a bare Lua state (the string metatable as Lua makes it) and as a recipe in the sandbox, in one
// process on the same liblua5.4, alternated, best of each; and, for scale, reads through a view.
// Prints ns per call; run from bench/run.sh on a release build.
import Foundation
import LuaHost
import OmneoRuntime

let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 10_000_000
let loops = """
    local n, clock, s = \(n), os.clock, "hello, world"
    local function best(f)
      local b = math.huge
      for _ = 1, 5 do local t = clock(); f(); b = math.min(b, clock() - t) end
      return b * 1e9 / n
    end
    local empty = best(function() for _ = 1, n do end end)
    local len = best(function() local x for _ = 1, n do x = s:len() end end)
    local byte = best(function() local x for _ = 1, n do x = s:byte(1) end end)
    local sub = best(function() local x for _ = 1, n do x = s:sub(2, 3) end end)
    local line = ("%.3f %.3f %.3f %.3f"):format(empty, len - empty, byte - empty, sub - empty)
    if omneo then
      local plain, emails = { log = omneo.log }, require "omneo.emails"
      local function field(f) return best(f) - empty end
      line = line .. (" %.3f %.3f %.3f"):format(
        field(function() local x for _ = 1, n do x = plain.log end end),
        field(function() local x for _ = 1, n do x = omneo.log end end),
        field(function() local x for _ = 1, n do x = emails.normalise end end))
      print(line)
    end
    return line
    """

func numbers(_ line: String) -> [Double] { line.split(separator: " ").compactMap { Double($0) } }

func bare() throws -> [Double] {
    let state = try LuaState(memoryLimit: 64 * 1024 * 1024)
    state.openSafeLibraries()
    return numbers(try state.run(loops).first?.stringValue ?? "")
}

let recipe = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-bench-strings-\(getpid()).lua").path
try loops.write(toFile: recipe, atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(atPath: recipe) }

final class Lines: @unchecked Sendable {
    var last = ""
}

func sandboxed() -> [Double] {
    let lines = Lines()
    var options = RecipeOptions(recipePath: recipe)
    options.maxMemoryMB = 64
    options.stdlibDirectory = StdlibLocator.find()
    options.log = { _, message in lines.last = message }
    guard RecipeRunner.run(options) == .finished else { fatalError("the bench recipe failed: \(lines.last)") }
    return numbers(lines.last)
}

var bareBest: [Double] = [], sandboxBest: [Double] = []
func keepBest(_ best: inout [Double], _ new: [Double]) {
    best = best.isEmpty ? new : zip(best, new).map { min($0, $1) }
}
for _ in 0..<3 {
    keepBest(&bareBest, try bare())
    keepBest(&sandboxBest, sandboxed())
}

func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
print("string method calls, \(n) each, ns per call net of the loop (\(fixed(bareBest[0])) / \(fixed(sandboxBest[0])) ns):")
for (index, name) in ["s:len()", "s:byte(1)", "s:sub(2, 3)"].enumerated() {
    let (plain, sandbox) = (bareBest[index + 1], sandboxBest[index + 1])
    print("  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) bare state \(fixed(plain))  sandbox \(fixed(sandbox))  ratio \(fixed(sandbox / plain, 3))")
}
let ratio = sandboxBest[1...3].reduce(0, +) / bareBest[1...3].reduce(0, +)
print("  all three: sandbox / bare state \(fixed(ratio, 3))")
print("reads in the sandbox, ns net of the loop: a plain table's field \(fixed(sandboxBest[4])), omneo.log (a settled view) "
    + "\(fixed(sandboxBest[5])), a module's function (a live view) \(fixed(sandboxBest[6]))")
