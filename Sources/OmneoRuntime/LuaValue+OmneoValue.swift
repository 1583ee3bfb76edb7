// Lua tables as the JSON a write sends: a sequence becomes an array, string keys an object.
import LuaHost
import OmneoClient

extension LuaValue {
    /// Throws for a table JSON cannot hold (mixed or non-string keys), naming the path that held it.
    func omneoValue(at path: String) throws(LuaCallError) -> OmneoValue {
        switch self {
        case .nil: return .null
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .number(Double(number))
        case .number(let number): return .number(number)
        case .string(let text): return .string(text.description)
        case .table(let table):
            if table.isEmpty { return .array([]) }
            if let list = arrayElements {
                var values: [OmneoValue] = []
                for (index, element) in list.enumerated() { values.append(try element.omneoValue(at: "\(path)[\(index + 1)]")) }
                return .array(values)
            }
            var fields: [String: OmneoValue] = [:]
            for (key, value) in table {
                guard let name = key.stringValue else { throw LuaCallError("\(path) mixes list entries and fields, or has a non-string key") }
                fields[name] = try value.omneoValue(at: path.isEmpty ? name : "\(path).\(name)")
            }
            return .object(fields)
        }
    }
}

extension LuaValue {
    /// The table with `key` set (a copy); any other value as it is.
    func setting(_ key: String, _ value: LuaValue) -> LuaValue {
        guard var table = tableValue else { return self }
        table[.string(key)] = value
        return .table(table)
    }
}
