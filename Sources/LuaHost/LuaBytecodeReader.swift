// A bounds-checked cursor over a binary chunk: Lua 5.4's primitive encodings, read in Swift.

/// Every read checks the remaining length first, so a truncated or hostile chunk throws
/// instead of trapping.
struct LuaBytecodeReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw LuaBytecodeError.truncated(at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw LuaBytecodeError.truncated(at: offset) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// ldump.c's dumpSize: 7-bit groups, most significant first, high bit set on the last byte.
    mutating func size(limit: Int = Int(Int32.max)) throws -> Int {
        let start = offset
        var value = 0
        while true {
            let b = try byte()
            guard value <= (limit >> 7) else { throw LuaBytecodeError.badValue("size overflows", at: start) }
            value = (value << 7) | Int(b & 0x7f)
            if b & 0x80 != 0 { break }
        }
        guard value <= limit else { throw LuaBytecodeError.badValue("size overflows", at: start) }
        return value
    }

    /// An `int` (counts, lines, pcs) as ldump.c's dumpInt writes it.
    mutating func int() throws -> Int { try size(limit: Int(Int32.max)) }

    /// A count of items of at least `minimumBytes` each: bounded by what is left, so a forged
    /// count cannot make us reserve gigabytes.
    mutating func count(minimumBytes: Int) throws -> Int {
        let start = offset
        let n = try int()
        guard n <= (bytes.count - offset) / max(minimumBytes, 1) else {
            throw LuaBytecodeError.badValue("count \(n) exceeds the chunk", at: start)
        }
        return n
    }

    mutating func uint32() throws -> UInt32 {
        let raw = try bytes(4)
        // Dumps use the host's byte order; the header check guarantees it matches ours.
        return raw.reversed().reduce(0) { $0 << 8 | UInt32($1) }.littleEndianHostOrder
    }

    mutating func integer() throws -> Int64 {
        let raw = try bytes(8)
        return Int64(bitPattern: raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }.littleEndianHostOrder)
    }

    mutating func number() throws -> Double {
        Double(bitPattern: UInt64(bitPattern: try integer()))
    }

    /// dumpString: size + 1 then the bytes (no terminator); size 0 is NULL.
    mutating func string() throws -> [UInt8]? {
        let n = try size(limit: bytes.count)
        guard n > 0 else { return nil }
        return Array(try bytes(n - 1))
    }
}

private extension FixedWidthInteger {
    /// Bytes were assembled as little-endian; swap on a big-endian host.
    var littleEndianHostOrder: Self { Self(littleEndian: self) }
}
