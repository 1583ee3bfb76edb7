// Lua 5.4's opcodes, numbered as lopcodes.h orders them (checked against `luac5.4 -l`).

public enum LuaOpcode: UInt8, Sendable, CaseIterable {
    case move, loadi, loadf, loadk, loadkx, loadfalse, lfalseskip, loadtrue, loadnil
    case getupval, setupval
    case gettabup, gettable, geti, getfield
    case settabup, settable, seti, setfield
    case newtable, `self`
    case addi, addk, subk, mulk, modk, powk, divk, idivk, bandk, bork, bxork, shri, shli
    case add, sub, mul, mod, pow, div, idiv, band, bor, bxor, shl, shr
    case mmbin, mmbini, mmbink
    case unm, bnot, not, len, concat
    case close, tbc, jmp
    case eq, lt, le, eqk, eqi, lti, lei, gti, gei
    case test, testset
    case call, tailcall, `return`, return0, return1
    case forloop, forprep, tforprep, tforcall, tforloop
    case setlist, closure, vararg, varargprep, extraarg

    /// The name `luac5.4 -l` prints, e.g. "GETTABUP".
    public var name: String {
        switch self {
        case .`self`: "SELF"
        case .`return`: "RETURN"
        default: String(describing: self).uppercased()
        }
    }

    /// Tests that skip the next instruction (always a JMP) when their condition fails.
    public var isConditionalSkip: Bool {
        switch self {
        case .eq, .lt, .le, .eqk, .eqi, .lti, .lei, .gti, .gei, .test, .testset: true
        default: false
        }
    }
}
