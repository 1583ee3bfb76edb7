// Lua values as Swift data: what crosses between recipes and the host.

public enum LuaValue: Hashable, Sendable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(LuaString)
    /// A table by value. Keys are never `.nil` and never NaN (Lua refuses both).
    case table([LuaValue: LuaValue])

    public static func string(_ text: String) -> LuaValue { .string(LuaString(text)) }

    /// A sequence: keys 1...n.
    public static func array(_ elements: [LuaValue]) -> LuaValue {
        var table: [LuaValue: LuaValue] = [:]
        table.reserveCapacity(elements.count)
        for (offset, element) in elements.enumerated() where element != .nil {
            table[.integer(Int64(offset + 1))] = element
        }
        return .table(table)
    }

    /// A record: string keys.
    public static func object(_ fields: [String: LuaValue]) -> LuaValue {
        var table: [LuaValue: LuaValue] = [:]
        table.reserveCapacity(fields.count)
        for (key, value) in fields where value != .nil { table[.string(key)] = value }
        return .table(table)
    }

    /// Lua's name for the type, as `type()` prints it.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        }
    }

    public var isNil: Bool { self == .nil }

    public var stringValue: String? {
        if case .string(let s) = self { return s.text }
        return nil
    }

    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d): return Int64(exactly: d)
        default: return nil
        }
    }

    public var numberValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    public var tableValue: [LuaValue: LuaValue]? {
        if case .table(let t) = self { return t }
        return nil
    }

    /// Lua truthiness: everything but nil and false.
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): false
        default: true
        }
    }

    public subscript(key: String) -> LuaValue {
        tableValue?[.string(key)] ?? .nil
    }

    public subscript(index: Int) -> LuaValue {
        tableValue?[.integer(Int64(index))] ?? .nil
    }

    /// The elements 1...n when the table is a sequence with no other keys; nil otherwise.
    public var arrayElements: [LuaValue]? {
        guard let table = tableValue else { return nil }
        var elements: [LuaValue] = []
        elements.reserveCapacity(table.count)
        for index in 1...max(table.count, 1) {
            guard let element = table[.integer(Int64(index))] else { break }
            elements.append(element)
        }
        return elements.count == table.count ? elements : nil
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(nilLiteral: ()) { self = .nil }
}
