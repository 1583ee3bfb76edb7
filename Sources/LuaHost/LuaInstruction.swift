// One 32-bit Lua 5.4 instruction and its operand fields (iABC, iABx, iAsBx, iAx, isJ).

public struct LuaInstruction: Sendable, Equatable {
    public let raw: UInt32

    public init(raw: UInt32) { self.raw = raw }

    /// Nil for an opcode number this reader does not know (only in malformed chunks).
    public var opcode: LuaOpcode? { LuaOpcode(rawValue: UInt8(raw & 0x7f)) }

    public var a: Int { Int((raw >> 7) & 0xff) }
    public var k: Bool { (raw >> 15) & 1 != 0 }
    public var b: Int { Int((raw >> 16) & 0xff) }
    public var c: Int { Int((raw >> 24) & 0xff) }
    public var bx: Int { Int(raw >> 15) }
    /// Bx is stored excess-K with K = MAXARG_Bx >> 1.
    public var sbx: Int { bx - 0xffff }
    public var ax: Int { Int(raw >> 7) }
    /// The 25-bit jump offset of OP_JMP, excess-K with K = 2^24 - 1.
    public var sj: Int { Int(raw >> 7) - 0xff_ffff }

    /// Where control can go after this instruction at `pc`, as the VM computes jumps (lvm.c).
    /// Targets may lie outside the code in a malformed chunk; callers check the range.
    public func successors(at pc: Int) -> [Int] {
        switch opcode {
        case .jmp: [pc + 1 + sj]
        case .forprep: [pc + 1, pc + 2 + bx]
        case .forloop, .tforloop: [pc + 1, pc + 1 - bx]
        case .tforprep: [pc + 1 + bx]
        case .lfalseskip: [pc + 2]
        case .return, .return0, .return1, .none: []
        case let op? where op.isConditionalSkip: [pc + 1, pc + 2]
        default: [pc + 1]
        }
    }
}
