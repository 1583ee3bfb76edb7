// A constant of a Lua function prototype, as the binary chunk stores it.

public enum LuaConstant: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    /// Lua strings are bytes; `text` decodes them for names and messages.
    case string([UInt8])

    /// The string's text (invalid UTF-8 replaced), or nil for any other constant.
    public var text: String? {
        if case .string(let bytes) = self { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    // Type tags from lobject.h: makevariant(type, variant) = type | variant << 4.
    static let tagNil: UInt8 = 0x00, tagFalse: UInt8 = 0x01, tagTrue: UInt8 = 0x11
    static let tagInteger: UInt8 = 0x03, tagFloat: UInt8 = 0x13
    static let tagShortString: UInt8 = 0x04, tagLongString: UInt8 = 0x14
}
