// The one JSON value: integers kept apart from floats, strict parsing with positions, one writer.
import OmneoModel
import Testing

@Suite struct JSONValueTests {
    @Test func integersAndFloatsStayDistinctButCompareAsJSON() throws {
        let value = try JSONValue(parsing: Array(#"{"n":3,"f":3.0,"big":12345678901234567890,"s":"é"}"#.utf8))
        #expect(value["n"] == .integer(3) && value["n"]?.intValue == 3)
        guard case .float(3.0)? = value["f"] else { Issue.record("3.0 read as \(String(describing: value["f"]))"); return }
        guard case .float? = value["big"] else { Issue.record("an integer past 64 bits is a float"); return }
        #expect(JSONValue.integer(3) == JSONValue.float(3.0))
        #expect(Set([JSONValue.integer(3), .float(3.0)]).count == 1)
        #expect(JSONValue.float(3.5).intValue == nil && JSONValue.float(9_007_199_254_740_994).intValue == nil)
    }

    @Test func oneWriterTwoWaysWithWholeFloats() {
        let value: JSONValue = ["f": 3.0, "h": 1.5, "e": [:], "l": [], "s": "a\n\"b\""]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"e":{},"f":3,"h":1.5,"l":[],"s":"a\n\"b\""}"#)
        #expect(String(decoding: value.serialized(wholeFloats: .keepFraction), as: UTF8.self).contains(#""f":3.0"#))
        #expect(String(decoding: JSONValue.float(.nan).serialized(), as: UTF8.self) == "null")
    }

    @Test func errorsSayWhere() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Array("[1, 2".utf8)) }
        do {
            _ = try JSONValue(parsing: Array("{\n  \"a\": tru }".utf8))
        } catch {
            #expect(error.description == "invalid JSON at line 2, column 8: expected a value")
        }
    }
}
