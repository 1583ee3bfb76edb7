// JSON text in and out: the strict reader, and one writer (compact or indented, keys in byte order).
extension JSONValue {
    /// How a float with no fraction is written. Lua's `omneo.json` keeps `3.0` so it decodes back as a
    /// float; request bodies send `3`, since a tenant validating an "integer" field refuses `3.0`.
    public enum WholeFloats: Sendable {
        case keepFraction
        case asIntegers
    }

    /// Parses JSON text, strictly; the error says where it stopped.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONSyntaxError) {
        var reader = JSONReader(bytes: Array(bytes))
        self = try reader.document()
    }

    /// Parses JSON text; nil when it is not JSON.
    public init?(json bytes: some Collection<UInt8>) {
        guard let value = try? JSONValue(parsing: bytes) else { return nil }
        self = value
    }

    /// JSON text with keys sorted, so bodies and journal hashes are stable. A non-finite float (which no
    /// JSON can hold) is written as null; the Lua bridge refuses one before it gets here.
    public func serialized(pretty: Bool = false, wholeFloats: WholeFloats = .asIntegers) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: pretty ? 0 : nil, wholeFloats: wholeFloats)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int?, wholeFloats: WholeFloats) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .integer(let number): out += Array(String(number).utf8)
        case .float(let number):
            if !number.isFinite {
                out += Array("null".utf8)
            } else if wholeFloats == .asIntegers, let whole = Self.wholeNumber(number) {
                out += Array(String(whole).utf8)
            } else {
                out += Array("\(number)".utf8)  // shortest round-trip form; whole numbers keep their ".0"
            }
        case .string(let text): Self.writeString(Array(text.utf8), into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent.map { $0 + 1 })
                element.write(into: &out, indent: indent.map { $0 + 1 }, wholeFloats: wholeFloats)
            }
            if !elements.isEmpty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            let sorted = fields.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
            out.append(UInt8(ascii: "{"))
            for (offset, (key, value)) in sorted.enumerated() {
                if offset > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent.map { $0 + 1 })
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(0x20) }
                value.write(into: &out, indent: indent.map { $0 + 1 }, wholeFloats: wholeFloats)
            }
            if !sorted.isEmpty { Self.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(0x0A)
        out += [UInt8](repeating: 0x20, count: indent * 2)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ bytes: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [0x5C, byte]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .float(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .float(let value):
            if let whole = Self.wholeNumber(value) { try container.encode(whole) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
