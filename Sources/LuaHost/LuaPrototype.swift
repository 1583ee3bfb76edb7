// One compiled Lua function read from a binary chunk: code, constants, nested functions, debug info.

public struct LuaPrototype: Sendable {
    public struct Upvalue: Sendable, Equatable {
        /// True when the upvalue captures a register (local) of the enclosing function,
        /// false when it re-captures one of the enclosing function's upvalues.
        public let inStack: Bool
        public let index: Int
        public let kind: UInt8
        /// Nil in stripped chunks.
        public var name: String?
    }

    public struct LocalVariable: Sendable, Equatable {
        public let name: String
        /// The local is live for instructions startPC..<endPC (0-based pcs).
        public let startPC: Int
        public let endPC: Int
    }

    public struct AbsoluteLine: Sendable, Equatable {
        public let pc: Int
        public let line: Int
    }

    /// The chunk name ("@recipes/foo.lua"), inherited from the parent when the dump omits it.
    public var source: String?
    public var lineDefined = 0
    public var lastLineDefined = 0
    public var parameterCount = 0
    public var isVararg = false
    public var maxStackSize = 0
    public var code: [LuaInstruction] = []
    public var constants: [LuaConstant] = []
    public var upvalues: [Upvalue] = []
    public var prototypes: [LuaPrototype] = []
    /// Per-instruction line deltas; -128 marks an instruction whose line is in `absoluteLines`.
    public var lineDeltas: [Int8] = []
    public var absoluteLines: [AbsoluteLine] = []
    public var localVariables: [LocalVariable] = []
    /// The source line of each instruction (empty when the chunk was stripped).
    public private(set) var lines: [Int] = []

    /// The line of the instruction at `pc`, or nil without debug info.
    public func line(at pc: Int) -> Int? { lines.indices.contains(pc) ? lines[pc] : nil }

    /// The string constant at `index`, or nil when out of range or not a string.
    public func stringConstant(_ index: Int) -> String? {
        constants.indices.contains(index) ? constants[index].text : nil
    }

    /// ldebug.c's luaG_getfuncline for every pc at once: start from the nearest absolute line
    /// at or before the pc (or linedefined) and add the deltas after it.
    mutating func computeLines() throws {
        guard !lineDeltas.isEmpty else { return }
        guard lineDeltas.count == code.count else {
            throw LuaBytecodeError.inconsistent("\(lineDeltas.count) line entries for \(code.count) instructions")
        }
        var result: [Int] = []
        result.reserveCapacity(code.count)
        var line = lineDefined
        var nextAbsolute = 0
        for pc in 0..<code.count {
            if nextAbsolute < absoluteLines.count, absoluteLines[nextAbsolute].pc == pc {
                line = absoluteLines[nextAbsolute].line
                nextAbsolute += 1
            } else if lineDeltas[pc] == Self.absoluteMarker {
                throw LuaBytecodeError.inconsistent("instruction \(pc) has no absolute line")
            } else {
                line += Int(lineDeltas[pc])
            }
            result.append(line)
        }
        guard nextAbsolute == absoluteLines.count else {
            throw LuaBytecodeError.inconsistent("absolute line entries out of order or out of range")
        }
        lines = result
    }

    /// ABSLINEINFO in ldebug.h.
    static let absoluteMarker: Int8 = -0x80
}
