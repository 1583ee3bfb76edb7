// The one bridge between Lua values and JSON, for `omneo.json`, profile writes and test fixtures alike.
// The rule for tables, written once: a sequence (keys 1..n) is an array; any other table is an object,
// its integer keys written as strings, and an empty table is `{}`. A profile's own list fields (statuses,
// tags, identities, custom_attributes) are the one place that knows better: the profile write path and
// fixtures apply ProfileFieldRules.emptyListsAsArrays, so `statuses = {}` clears a set.
package import LuaHost
package import OmneoModel

extension LuaValue {
    /// Throws for what JSON cannot hold (a function, NaN, a table with other keys), naming where it was.
    package func jsonValue(at path: String = "") throws(LuaCallError) -> JSONValue {
        do {
            return try jsonValue(at: path, charging: nil)
        } catch let error as LuaCallError {
            throw error
        } catch {
            throw LuaCallError(String(describing: error))  // only a charge throws anything else
        }
    }

    /// The same, counting what it builds against the memory limit and stopping at the deadline (the JSON
    /// is another copy of the data: a table that shares its sub-tables can be millions of values here).
    package func jsonValue(at path: String, charging charge: LuaMemoryCharge?) throws -> JSONValue {
        switch self {
        case .nil: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .integer(number)
        case .number(let number):
            guard number.isFinite else { throw LuaCallError("cannot encode \(number) as JSON (not a finite number)\(Self.at(path))") }
            return .float(number)
        case .string(let text):
            try charge?(LuaMemoryCharge.string + text.bytes.count)
            return .string(text.description)
        case .table(let table):
            try charge?(LuaMemoryCharge.table)
            if let list = arrayElements, !list.isEmpty {
                var values: [JSONValue] = []
                for (index, element) in list.enumerated() {
                    try charge?(LuaMemoryCharge.entry)
                    values.append(try element.jsonValue(at: "\(path)[\(index + 1)]", charging: charge))
                }
                return .array(values)
            }
            var fields: [String: JSONValue] = [:]
            for (key, value) in table {
                let name: String
                switch key {
                case .string(let text): name = text.description
                case .integer(let number): name = String(number)
                default: throw LuaCallError("cannot encode a table with \(key.typeName) keys as JSON\(Self.at(path))")
                }
                try charge?(LuaMemoryCharge.entry + name.utf8.count)
                fields[name] = try value.jsonValue(at: path.isEmpty ? name : "\(path).\(name)", charging: charge)
            }
            return .object(fields)
        }
    }

    private static func at(_ path: String) -> String { path.isEmpty ? "" : " at \(path)" }

    /// The table with `key` set (a copy); any other value as it is.
    func setting(_ key: String, _ value: LuaValue) -> LuaValue {
        guard var table = tableValue else { return self }
        table[.string(key)] = value
        return .table(table)
    }
}

extension JSONValue {
    /// JSON as Lua sees it: null leaves a hole, integers stay integers, floats stay floats.
    package var luaValue: LuaValue {
        switch self {
        case .null: .nil
        case .bool(let flag): .boolean(flag)
        case .integer(let number): .integer(number)
        case .float(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let list): .array(list.map(\.luaValue))
        case .object(let fields): .object(fields.mapValues(\.luaValue))
        }
    }
}
