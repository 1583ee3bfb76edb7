// The one JSON value of omneo-run: tenant answers, request bodies, the sandbox's store, the journal's
// reads and `omneo.json` all use it. Integers and floats are distinct cases, so Lua gets back what it sent.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The one "is this a whole number" rule: a float counts as an integer only when it has no fraction
    /// and lies within ±2^53, where every integer is exact in a Double (and in a Lua float).
    public static let exactIntegerLimit = 9_007_199_254_740_992.0

    /// The integer a float stands for, when it is a whole number within `exactIntegerLimit`.
    public static func wholeNumber(_ value: Double) -> Int64? {
        guard value.rounded() == value, abs(value) <= exactIntegerLimit else { return nil }
        return Int64(value)
    }

    public subscript(key: String) -> JSONValue? {
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

    /// Any number, as a Double.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    /// A whole number: an integer, or a float with no fraction (JSON does not tell 3 from 3.0).
    public var intValue: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .float(let value): Self.wholeNumber(value).flatMap { Int(exactly: $0) }
        default: nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An integer, also from a string of digits or a whole float: tenants send counts both ways (lenient).
    public var lenientInt: Int? {
        if let value = intValue { return value }
        guard case .string(let text) = self else { return nil }
        let trimmed = text.filter { $0 != " " }
        if let value = Int(trimmed) { return value }
        return Double(trimmed).flatMap(Self.wholeNumber).flatMap { Int(exactly: $0) }
    }

    /// A string, also from a number (ids arrive as 123 or "123").
    public var lenientString: String? {
        switch self {
        case .string(let value): value
        case .integer(let value): String(value)
        case .float(let value): Self.wholeNumber(value).map { String($0) } ?? String(value)
        default: nil
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
