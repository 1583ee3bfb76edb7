// Walks every function of a compiled recipe and records global reads and writes and unknown
// `omneo` names, each with its source line.
import LuaHost

struct LintScan {
    enum Event: Equatable {
        case read(String)
        case write(String, isFunction: Bool)
        case unknownName(String, suggestion: String?)
    }

    let names: OmneoNameTable
    private(set) var events: [(line: Int, event: Event)] = []

    init(names: OmneoNameTable) { self.names = names }

    /// Scans `proto` and, at each CLOSURE, the function it creates with what its upvalues hold.
    mutating func scan(_ proto: LuaPrototype, upvalues: [LintValue?]) {
        let assigned = LintCaptures.assigned(in: proto)
        let stable = upvalues.enumerated().map { assigned.upvalues.contains($0.offset) ? nil : $0.element }
        let flow = LintValueFlow(proto, upvalues: stable, names: names, unstable: assigned.registers)
        var scanned: Set<Int> = []  // a forged chunk could point many CLOSUREs at one function
        for (pc, instruction) in proto.code.enumerated() {
            let registers = flow.states[pc] ?? [:]
            observe(instruction, registers, flow, line: proto.line(at: pc) ?? 0)
            guard instruction.opcode == .closure, proto.prototypes.indices.contains(instruction.bx),
                  scanned.insert(instruction.bx).inserted else { continue }
            let child = proto.prototypes[instruction.bx]
            scan(child, upvalues: LintCaptures.upvalues(
                of: child, closedAt: pc, in: proto, registers: registers, parentUpvalues: stable))
        }
    }

    private mutating func observe(_ i: LuaInstruction, _ registers: LintRegisters, _ flow: LintValueFlow, line: Int) {
        let constant = { (index: Int) in flow.proto.stringConstant(index) }
        switch i.opcode {
        case .gettabup: read(flow.upvalue(i.b), constant(i.c), line)
        case .getfield: read(registers[i.b], constant(i.c), line)
        case .gettable: read(registers[i.b], registers[i.c]?.stringValue, line)
        case .`self`: read(registers[i.b], i.k ? constant(i.c) : registers[i.c]?.stringValue, line)
        case .settabup: write(flow.upvalue(i.a), constant(i.b), i.k ? nil : registers[i.c], line)
        case .setfield: write(registers[i.a], constant(i.b), i.k ? nil : registers[i.c], line)
        case .settable: write(registers[i.a], registers[i.b]?.stringValue, i.k ? nil : registers[i.c], line)
        default: break
        }
    }

    private mutating func read(_ base: LintValue?, _ key: String?, _ line: Int) {
        guard let key else { return }
        switch base {
        case .environment:
            events.append((line, .read(key)))
        case .path(let parent):
            if case .unknown(let path, let suggestion) = names.resolve(parent, key) {
                events.append((line, .unknownName(path, suggestion: suggestion)))
            }
        default:
            break
        }
    }

    private mutating func write(_ base: LintValue?, _ key: String?, _ value: LintValue?, _ line: Int) {
        guard base == .environment, let key else { return }
        events.append((line, .write(key, isFunction: value == .function)))
    }
}
