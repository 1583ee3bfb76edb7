// The JSON reader behind omneo.json.decode: strict RFC 8259, positions in every error.
import LuaHost

extension JSONCodec {
    static func decode(_ bytes: [UInt8]) throws -> LuaValue {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.failure("unexpected data after the JSON value") }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func failure(_ message: String) -> Failure {
            let prefix = bytes[..<min(index, bytes.count)]
            let line = prefix.count(where: { $0 == 0x0A }) + 1
            let column = index - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return Failure(description: "invalid JSON at line \(line), column \(column): \(message)")
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func expect(_ literal: String, _ value: LuaValue) throws -> LuaValue {
            let word = Array(literal.utf8)
            guard bytes.count - index >= word.count, Array(bytes[index..<index + word.count]) == word else {
                throw failure("expected a value")
            }
            index += word.count
            return value
        }

        mutating func value(depth: Int) throws -> LuaValue {
            guard depth < 100 else { throw failure("nested more than 100 levels deep") }
            switch current {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(LuaString(bytes: try string()))
            case UInt8(ascii: "t"): return try expect("true", true)
            case UInt8(ascii: "f"): return try expect("false", false)
            case UInt8(ascii: "n"): return try expect("null", .nil)
            case .some(let byte) where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte): return try number()
            case nil: throw failure("unexpected end of input")
            default: throw failure("expected a value")
            }
        }

        mutating func object(depth: Int) throws -> LuaValue {
            index += 1
            var table: [LuaValue: LuaValue] = [:]
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return .table(table) }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
                let key = LuaValue.string(LuaString(bytes: try string()))
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
                index += 1
                skipSpace()
                let value = try value(depth: depth + 1)
                if value != .nil { table[key] = value }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                index += 1
                return .table(table)
            }
        }

        mutating func array(depth: Int) throws -> LuaValue {
            index += 1
            var table: [LuaValue: LuaValue] = [:]
            var position: Int64 = 0
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return .table(table) }
            while true {
                skipSpace()
                position += 1
                let value = try value(depth: depth + 1)
                if value != .nil { table[.integer(position)] = value }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                index += 1
                return .table(table)
            }
        }

        mutating func number() throws -> LuaValue {
            let start = index
            var isFloat = false
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, (0x30...0x39).contains(first) else { throw failure("invalid number") }
            if first == 0x30 { index += 1 } else { skipDigits() }
            if current == UInt8(ascii: ".") {
                index += 1
                isFloat = true
                guard skipDigits() > 0 else { throw failure("invalid number") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                isFloat = true
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard skipDigits() > 0 else { throw failure("invalid number") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !isFloat, let integer = Int64(text) { return .integer(integer) }
            guard let double = Double(text) else { throw failure("invalid number") }
            return .number(double)
        }

        @discardableResult
        mutating func skipDigits() -> Int {
            let start = index
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            return index - start
        }
    }
}
