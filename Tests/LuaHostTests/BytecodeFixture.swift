// Chunks for the bytecode reader tests, and a way to dump and read them back.
import LuaHost

enum BytecodeFixture {
    /// Nested functions, ints and floats, a 300-byte string (two-byte size), a 200-line gap and
    /// a 300-field constructor (over 256 constants and 128 instructions: absolute line info).
    static let large: String = {
        var lines = [
            "local M = {}",
            "local big = \"" + String(repeating: "x", count: 300) + "\"",
            "local function helper(a, b, ...)",
            "  local t = { ... }",
            "  for i = 1, #t do a = a + t[i] * 2.5 end",
            "  return function(x) return x .. big .. tostring(a) .. b end",
            "end",
        ]
        lines += Array(repeating: "", count: 200)
        lines.append("M.values = {")
        lines += (1...300).map { "  field\($0) = \($0 % 2 == 0 ? "\($0)" : "\($0).5")," }
        lines += ["}", "M.last = helper(1, \"b\", 3, 4)(big)", "late_global = 1", "return M"]
        return lines.joined(separator: "\n") + "\n"
    }()

    static func read(_ source: String, chunkName: String = "@fixture.lua", strip: Bool = false) throws -> LuaPrototype {
        let state = try LuaState()
        let function = try state.load(source, chunkName: chunkName)
        return try LuaBytecode.read(state.dump(function, strip: strip))
    }

    static func dump(_ source: String, strip: Bool = false) throws -> [UInt8] {
        let state = try LuaState()
        return try state.dump(state.load(source, chunkName: "@fixture.lua"), strip: strip)
    }

    /// Every prototype, main first, then nested ones depth-first (the order `luac -l` prints).
    static func flatten(_ proto: LuaPrototype) -> [LuaPrototype] {
        [proto] + proto.prototypes.flatMap(flatten)
    }
}
