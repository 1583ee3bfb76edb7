// Which registers an instruction may overwrite: what the linter's register tracking forgets.
import LuaHost

extension LuaInstruction {
    /// Registers possibly written, as a range within a frame of `frameSize` registers.
    ///
    /// Calls, varargs, loops and CONCAT write from A up to the top of the frame; that is safe
    /// to forget because they always work at the first free register, above every live local.
    func writtenRegisters(frameSize: Int) -> Range<Int> {
        let top = max(frameSize, a + 1)
        switch opcode {
        case .none:
            return 0..<top  // unknown opcode in a forged chunk: forget everything
        case .setupval, .settabup, .settable, .seti, .setfield, .setlist, .jmp,
             .eq, .lt, .le, .eqk, .eqi, .lti, .lei, .gti, .gei, .test,
             .return, .return0, .return1, .close, .tbc, .mmbin, .mmbini, .mmbink,
             .extraarg, .varargprep:
            return a..<a
        case .`self`:
            return a..<a + 2
        case .loadnil:
            return a..<a + b + 1
        case .call, .tailcall, .vararg, .concat, .forprep, .forloop, .tforprep, .tforcall, .tforloop:
            return a..<top
        default:
            return a..<a + 1
        }
    }
}
