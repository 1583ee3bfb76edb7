// The client's JSON: profiles carry open-ended fields, so whatever the tenant sends is kept as it came.
public enum OmneoValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OmneoValue])
    case object([String: OmneoValue])

    public subscript(key: String) -> OmneoValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var arrayValue: [OmneoValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: OmneoValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// An integer, also from a string of digits or a whole float: tenants send counts both ways (lenient).
    public var lenientInt: Int? {
        switch self {
        case .number(let value) where value.rounded() == value && abs(value) < 1e15:
            return Int(value)
        case .string(let text):
            let trimmed = text.filter { $0 != " " }
            if let value = Int(trimmed) { return value }
            if let value = Double(trimmed), value.rounded() == value, abs(value) < 1e15 { return Int(value) }
            return nil
        default:
            return nil
        }
    }

    /// A string, also from a number (ids arrive as 123 or "123").
    public var lenientString: String? {
        switch self {
        case .string(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 1e15: String(Int(value))
        case .number(let value): String(value)
        default: nil
        }
    }
}

extension OmneoValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: OmneoValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    public init(dictionaryLiteral elements: (String, OmneoValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
