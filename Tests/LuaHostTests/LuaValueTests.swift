// Round trips of every kind of value between Swift and Lua.
import LuaHost
import Testing

@Suite struct LuaValueTests {
    private func roundTrip(_ value: LuaValue) throws -> LuaValue {
        let state = try LuaState()
        state.openSafeLibraries()
        let identity = try state.load("return ...", chunkName: "=test")
        return try state.call(identity, [.value(value)]).first ?? .nil
    }

    @Test(arguments: [
        LuaValue.nil, true, false, 0, 1, -1, .integer(Int64.max), .integer(Int64.min),
        0.5, -2.25, .number(1e308), .number(-0.0), .number(.infinity), "", "hello", "héllo ✓",
    ])
    func scalarsRoundTrip(_ value: LuaValue) throws {
        #expect(try roundTrip(value) == value)
    }

    @Test func integersAndFloatsStayDistinct() throws {
        let state = try LuaState()
        state.openSafeLibraries()
        let values = try state.run("return 3, 3.0", chunkName: "=t")
        #expect(values[0] == .integer(3))
        #expect(values[1] == .number(3.0))
        let typeOf = try state.load("return math.type(...)", chunkName: "=t")
        #expect(try state.call(typeOf, [.value(.integer(7))]) == ["integer"])
        #expect(try state.call(typeOf, [.value(.number(7))]) == ["float"])
    }

    @Test func stringsAreBytes() throws {
        let bytes: [UInt8] = [0, 0xFF, 0xFE, 0x41, 0, 0x0A]
        let value = LuaValue.string(LuaString(bytes: bytes))
        #expect(try roundTrip(value) == value)
        let state = try LuaState()
        state.openSafeLibraries()
        let length = try state.load("return #(...)", chunkName: "=t")
        #expect(try state.call(length, [.value(value)]) == [.integer(6)])
    }

    @Test func nestedTablesRoundTrip() throws {
        let value = LuaValue.object([
            "name": "vip",
            "ids": .array([1, 2, 3]),
            "nested": .object(["deep": .array([.object(["x": 1.5]), true])]),
            "empty": .table([:]),
        ])
        #expect(try roundTrip(value) == value)
        #expect(try roundTrip(.table([.integer(10): "sparse", .boolean(true): "flag", 2.5: "float key"]))
            == .table([.integer(10): "sparse", .boolean(true): "flag", 2.5: "float key"]))
    }

    @Test func arrayElementsReadsSequencesOnly() {
        #expect(LuaValue.array(["a", "b"]).arrayElements == ["a", "b"])
        #expect(LuaValue.object(["a": 1]).arrayElements == nil)
        #expect(LuaValue.table([:]).arrayElements == [])
    }

    @Test func cyclicAndUnconvertibleValuesAreRefused() throws {
        let state = try LuaState()
        state.openSafeLibraries()
        #expect(throws: LuaError.self) { try state.run("local t = {} t.self = t return t") }
        #expect(throws: LuaError.self) { try state.run("return {f = print}") }
    }

    @Test func deepNestingIsBounded() throws {
        var value = LuaValue.array([1])
        for _ in 0..<150 { value = .array([value]) }
        let state = try LuaState()
        let error = #expect(throws: LuaError.self) { _ = try state.table(value) }
        #expect(error?.message.contains("nested") == true)
    }

    @Test func nilAndNaNKeysAreRefused() throws {
        let state = try LuaState()
        #expect(throws: LuaError.self) { _ = try state.table(.table([.number(.nan): 1])) }
        #expect(throws: LuaError.self) { _ = try state.table(.table([.nil: 1])) }
    }
}
