// Follows a function's bytecode along every path to learn which registers hold the global
// environment, a known `omneo` name, a string key or a closure, before each instruction.
import LuaHost

struct LintValueFlow {
    /// Registers known before each instruction; nil where no path from the entry reaches it.
    private(set) var states: [LintRegisters?]

    let proto: LuaPrototype
    private let upvalues: [LintValue?]
    private let names: OmneoNameTable
    /// Registers a nested closure assigns: their values can change behind our back.
    private let unstable: Set<Int>

    init(_ proto: LuaPrototype, upvalues: [LintValue?], names: OmneoNameTable, unstable: Set<Int>) {
        self.proto = proto
        self.upvalues = upvalues
        self.names = names
        self.unstable = unstable
        states = Array(repeating: nil, count: proto.code.count)
        solve()
    }

    /// A forward dataflow to a fixed point; where paths join, a register keeps a value only if
    /// every path agrees. States only ever lose entries, so this terminates.
    private mutating func solve() {
        guard !proto.code.isEmpty else { return }
        states[0] = [:]
        var work = [0]
        while let pc = work.popLast() {
            guard let before = states[pc] else { continue }
            let after = transfer(before, proto.code[pc])
            for next in proto.code[pc].successors(at: pc) where states.indices.contains(next) {
                let merged = states[next].map { $0.filter { after[$0.key] == $0.value } } ?? after
                if merged != states[next] {
                    states[next] = merged
                    work.append(next)
                }
            }
        }
    }

    /// The value a field read produces: a global `omneo` root, or a known name below one.
    func member(of base: LintValue?, _ key: String?) -> LintValue? {
        guard let key else { return nil }
        switch base {
        // The sandbox's _G is the recipe's environment: `_G.x = 1` is a global assignment.
        case .environment where key == "_G": return .environment
        case .environment: return names.roots.contains(key) ? .path(key) : nil
        case .path(let parent):
            if case .known(let path) = names.resolve(parent, key) { return .path(path) }
            return nil
        default: return nil
        }
    }

    func upvalue(_ index: Int) -> LintValue? { upvalues.indices.contains(index) ? upvalues[index] : nil }

    func transfer(_ before: LintRegisters, _ instruction: LuaInstruction) -> LintRegisters {
        let i = instruction
        var after = before
        for register in i.writtenRegisters(frameSize: proto.maxStackSize) where after[register] != nil {
            after[register] = nil
        }
        let key = { (index: Int) in proto.stringConstant(index) }
        switch i.opcode {
        case .move: after[i.a] = before[i.b]
        case .loadk: after[i.a] = key(i.bx).map(LintValue.string)
        case .getupval: after[i.a] = upvalue(i.b)
        case .closure: after[i.a] = .function
        case .gettabup: after[i.a] = member(of: upvalue(i.b), key(i.c))
        case .getfield: after[i.a] = member(of: before[i.b], key(i.c))
        case .gettable: after[i.a] = member(of: before[i.b], before[i.c].flatMap(\.stringValue))
        case .`self`:
            after[i.a + 1] = before[i.b]
            after[i.a] = member(of: before[i.b], i.k ? key(i.c) : before[i.c].flatMap(\.stringValue))
        default: break
        }
        for register in unstable where after[register] != nil { after[register] = nil }
        return after
    }
}
