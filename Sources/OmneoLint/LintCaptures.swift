// Upvalues seen from the linter: which ones closures assign, and what a new closure captures.
import LuaHost

enum LintCaptures {
    /// Upvalues of `proto` assigned (SETUPVAL) by it or by a function nested in it, and the
    /// registers of `proto` that nested functions assign through their upvalues. Either may
    /// change at any call, so the linter never trusts a value it saw there.
    static func assigned(in proto: LuaPrototype, depth: Int = 0) -> (upvalues: Set<Int>, registers: Set<Int>) {
        var upvalues = Set(proto.code.filter { $0.opcode == .setupval }.map(\.b))
        var registers: Set<Int> = []
        guard depth < 300 else { return (upvalues, registers) }
        for child in proto.prototypes {
            for index in assigned(in: child, depth: depth + 1).upvalues where child.upvalues.indices.contains(index) {
                let captured = child.upvalues[index]
                if captured.inStack { registers.insert(captured.index) } else { upvalues.insert(captured.index) }
            }
        }
        return (upvalues, registers)
    }

    /// What each upvalue of `child` holds when CLOSURE creates it at `pc` of `parent`: the
    /// parent's upvalue, or a local of the parent that is never reassigned (so `local log =
    /// omneo.log` used inside functions is still checked).
    static func upvalues(of child: LuaPrototype, closedAt pc: Int, in parent: LuaPrototype,
                         registers: LintRegisters, parentUpvalues: [LintValue?]) -> [LintValue?] {
        child.upvalues.map { captured in
            guard captured.inStack else {
                return parentUpvalues.indices.contains(captured.index) ? parentUpvalues[captured.index] : nil
            }
            guard let value = registers[captured.index],
                  let local = activeLocal(in: parent, at: pc, register: captured.index),
                  !isReassigned(captured.index, in: parent, from: local.startPC, to: local.endPC)
            else { return nil }
            return value
        }
    }

    /// ldebug.c's rule: the n-th local active at `pc`, in declaration order, lives in register n.
    static func activeLocal(in proto: LuaPrototype, at pc: Int, register: Int) -> LuaPrototype.LocalVariable? {
        let active = proto.localVariables.filter { $0.startPC <= pc && pc < $0.endPC }
        return active.indices.contains(register) ? active[register] : nil
    }

    private static func isReassigned(_ register: Int, in proto: LuaPrototype, from start: Int, to end: Int) -> Bool {
        let lower = min(max(start, 0), proto.code.count)
        let upper = min(max(end, lower), proto.code.count)
        return proto.code[lower..<upper].contains { $0.writtenRegisters(frameSize: proto.maxStackSize).contains(register) }
    }
}
