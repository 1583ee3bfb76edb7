// A Lua string: bytes, not necessarily UTF-8, so values round-trip exactly.

public struct LuaString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    /// The bytes as text; invalid UTF-8 sequences become U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes as text when they are valid UTF-8.
    public var validText: String? { String(validating: bytes, as: UTF8.self) }

    public var description: String { text }
}
