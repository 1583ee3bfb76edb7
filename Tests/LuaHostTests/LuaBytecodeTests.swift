// The binary chunk reader against real lua_dump output, luac5.4's listing, and broken input.
import Foundation
@testable import LuaHost
import Testing

@Suite struct LuaBytecodeTests {
    @Test func readsTheMainFunction() throws {
        let main = try BytecodeFixture.read(BytecodeFixture.large)
        #expect(main.source == "@fixture.lua")
        #expect(main.isVararg && main.parameterCount == 0)
        #expect(main.code.count == 670)
        #expect(main.constants.count == 606)
        #expect(main.constants.first == .string(Array(repeating: UInt8(ascii: "x"), count: 300)))
        #expect(main.constants.contains(.number(1.5)) && main.constants.contains(.integer(2)))
        #expect(main.stringConstant(604) == "late_global")
        #expect(main.upvalues == [.init(inStack: true, index: 0, kind: 0, name: "_ENV")])
        #expect(main.localVariables.map(\.name) == ["M", "big", "helper"])
        #expect(main.code.prefix(5).map { $0.opcode?.name } == ["VARARGPREP", "NEWTABLE", "EXTRAARG", "LOADK", "CLOSURE"])
    }

    @Test func linesFollowDeltasAndAbsoluteEntries() throws {
        let main = try BytecodeFixture.read(BytecodeFixture.large)
        #expect(!main.absoluteLines.isEmpty)  // the 200-line gap and the 670 instructions
        #expect(Array(main.lines.prefix(8)) == [1, 1, 1, 2, 7, 208, 208, 209])
        // pcs are 0-based here, 1-based in luac's listing.
        #expect(main.line(at: 652) == 508)  // SETTABLE of field300
        #expect(main.line(at: 653) == 509)  // SETFIELD M.values
        #expect(main.line(at: 667) == 511)  // SETTABLE of late_global
        #expect(main.line(at: 669) == 512)
        #expect(main.line(at: 670) == nil)
    }

    @Test func readsNestedFunctions() throws {
        let main = try BytecodeFixture.read(BytecodeFixture.large)
        let helper = try #require(main.prototypes.first)
        #expect(helper.source == "@fixture.lua")  // omitted in the dump, inherited
        #expect((helper.lineDefined, helper.lastLineDefined, helper.parameterCount) == (3, 7, 2))
        #expect(helper.constants == [.number(2.5)])
        #expect(helper.upvalues.map(\.name) == ["big", "_ENV"])
        #expect(helper.upvalues.map(\.inStack) == [true, false])
        #expect(helper.lines == [3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7])
        let forPrep = try #require(helper.code.firstIndex { $0.opcode == .forprep })
        #expect(helper.code[forPrep].successors(at: forPrep) == [forPrep + 1, 15])
        let inner = try #require(helper.prototypes.first)
        #expect(inner.upvalues.map(\.name) == ["big", "_ENV", "a", "b"])
        #expect(inner.localVariables == [.init(name: "x", startPC: 0, endPC: 9)])
        #expect(inner.code.map { $0.opcode?.name ?? "?" }.suffix(2) == ["RETURN1", "RETURN0"])
    }

    @Test func strippedChunksHaveNoDebugInfo() throws {
        let main = try BytecodeFixture.read(BytecodeFixture.large, strip: true)
        #expect(main.code.count == 670)
        #expect(main.source == nil && main.lines.isEmpty && main.line(at: 0) == nil)
        #expect(main.upvalues.first?.name == nil)
    }

    @Test func everyTruncationThrows() throws {
        let bytes = try BytecodeFixture.dump("local t = { 1, 2.5, 'x' } return function() return t end")
        for length in 0..<bytes.count {
            #expect(throws: LuaBytecodeError.self) { try LuaBytecode.read(Array(bytes.prefix(length))) }
        }
        #expect(throws: LuaBytecodeError.self) { try LuaBytecode.read(bytes + [0]) }
    }

    @Test func corruptedBytesThrowOrParseButNeverTrap() throws {
        let bytes = try BytecodeFixture.dump("local function f(a) return a .. 'long' end return f(1.5), 7")
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7f, 0x80, 0xff] {
                var corrupted = bytes
                corrupted[index] = value
                _ = try? LuaBytecode.read(corrupted)
            }
        }
    }

    @Test func headerMismatchSaysWhich() throws {
        var bytes = try BytecodeFixture.dump("return 1")
        bytes[4] = 0x53
        let error = #expect(throws: LuaBytecodeError.self) { try LuaBytecode.read(bytes) }
        #expect(error?.description.contains("version is not 5.4") == true)
    }
}
