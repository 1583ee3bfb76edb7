// JSON <-> Lua values for omneo.json: integers stay integers, strings stay bytes, keys sorted.
import LuaHost

enum JSONCodec {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    // MARK: Encoding

    static func encode(_ value: LuaValue, pretty: Bool = false) throws -> [UInt8] {
        var out: [UInt8] = []
        try write(value, into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private static func write(_ value: LuaValue, into out: inout [UInt8], indent: Int?) throws {
        switch value {
        case .nil: out += Array("null".utf8)
        case .boolean(let b): out += Array((b ? "true" : "false").utf8)
        case .integer(let i): out += Array(String(i).utf8)
        case .number(let d):
            guard d.isFinite else { throw Failure(description: "cannot encode \(d) as JSON (not a finite number)") }
            out += Array("\(d)".utf8)  // shortest round-trip form; whole numbers keep their ".0"
        case .string(let s): writeString(s.bytes, into: &out)
        case .table(let table):
            if let elements = value.arrayElements, !elements.isEmpty {
                try writeArray(elements, into: &out, indent: indent)
            } else {
                try writeObject(table, into: &out, indent: indent)
            }
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        out += [UInt8](repeating: 0x20, count: indent * 2)
    }

    private static func writeArray(_ elements: [LuaValue], into out: inout [UInt8], indent: Int?) throws {
        out.append(UInt8(ascii: "["))
        for (offset, element) in elements.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent.map { $0 + 1 })
            try write(element, into: &out, indent: indent.map { $0 + 1 })
        }
        newline(&out, indent)
        out.append(UInt8(ascii: "]"))
    }

    private static func writeObject(_ table: [LuaValue: LuaValue], into out: inout [UInt8], indent: Int?) throws {
        let fields = try table.map { key, value -> ([UInt8], LuaValue) in
            switch key {
            case .string(let s): return (s.bytes, value)
            case .integer(let i): return (Array(String(i).utf8), value)
            default: throw Failure(description: "cannot encode a table with \(key.typeName) keys as JSON")
            }
        }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        out.append(UInt8(ascii: "{"))
        for (offset, (key, value)) in fields.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            newline(&out, indent.map { $0 + 1 })
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            if indent != nil { out.append(0x20) }
            try write(value, into: &out, indent: indent.map { $0 + 1 })
        }
        if !fields.isEmpty { newline(&out, indent) }
        out.append(UInt8(ascii: "}"))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, byte]
            case UInt8(ascii: "\\"): out += [0x5C, byte]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
