// One entry of an omneo.params spec, and the conversion of its --arg text to a typed value.
import OmneoModel
import LuaHost

struct ParameterDeclaration {
    enum Kind: String, CaseIterable {
        case string, number, integer, boolean
    }

    let name: String
    let kind: Kind
    let defaultValue: LuaValue
    let required: Bool
    let description: String?

    static func parse(_ spec: LuaValue) throws -> [ParameterDeclaration] {
        guard let table = spec.tableValue else { throw LuaCallError("omneo.params expects a table") }
        return try table.map { key, entry in
            guard let name = key.stringValue else {
                throw LuaCallError("omneo.params: parameter names must be strings, got a \(key.typeName)")
            }
            return try ParameterDeclaration(name: name, entry: entry)
        }.sorted { $0.name < $1.name }
    }

    /// The fields an entry may have, and the Lua type each must be (`default` is checked against `type`).
    private static let fields: [String: String] = ["type": "string", "required": "boolean", "description": "string"]

    init(name: String, entry: LuaValue) throws {
        self.name = name
        guard let table = entry.tableValue else {
            throw LuaCallError("omneo.params: parameter '\(name)' must be a table like { type = \"string\" }")
        }
        try Self.checkFields(of: table, name: name)
        let typeName = entry["type"].stringValue ?? Self.inferredType(entry["default"])
        guard let kind = Kind(rawValue: typeName) else {
            throw LuaCallError("omneo.params: parameter '\(name)' has unknown type '\(typeName)' "
                + "(use string, number, integer or boolean)")
        }
        self.kind = kind
        self.required = entry["required"].isTruthy
        self.defaultValue = entry["default"]
        self.description = entry["description"].stringValue
        if defaultValue != .nil, !accepts(defaultValue) {
            throw LuaCallError("omneo.params: the default of '\(name)' is a \(defaultValue.typeName), not a \(kind.rawValue)")
        }
    }

    /// A misspelt field (`typ`) or one of the wrong type (`type = {}`) would silently declare something else.
    private static func checkFields(of table: [LuaValue: LuaValue], name: String) throws {
        for (key, value) in table {
            guard let field = key.stringValue, field == "default" || fields[field] != nil else {
                let shown = key.stringValue.map { "'\($0)'" } ?? "a \(key.typeName) key"
                let known = Array(fields.keys) + ["default"]
                let hint = key.stringValue.flatMap { Suggestion.closest(to: $0, among: known) }.map { " (did you mean '\($0)'?)" } ?? ""
                throw LuaCallError("omneo.params: parameter '\(name)' has unknown field \(shown)\(hint); "
                    + "an entry takes type, default, required and description")
            }
            if let expected = fields[field], value.typeName != expected {
                throw LuaCallError("omneo.params: parameter '\(name)' has a \(field) that is a \(value.typeName), not a \(expected)"
                    + (field == "type" ? " (use \"string\", \"number\", \"integer\" or \"boolean\")" : ""))
            }
        }
    }

    private static func inferredType(_ value: LuaValue) -> String {
        switch value {
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        default: "string"
        }
    }

    private func accepts(_ value: LuaValue) -> Bool {
        switch (kind, value) {
        case (.string, .string), (.boolean, .boolean), (.number, .integer), (.number, .number), (.integer, .integer):
            true
        default: false
        }
    }

    /// The typed value of `--arg name=text`.
    func convert(_ text: String) throws -> LuaValue {
        let trimmed = text.trimmingSpaces
        switch kind {
        case .string: return .string(text)
        case .integer:
            if let value = Int64(trimmed) { return .integer(value) }
        case .number:
            if let value = Int64(trimmed) { return .integer(value) }
            if let value = Double(trimmed), value.isFinite { return .number(value) }
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: break
            }
        }
        let article = kind == .integer ? "an" : "a"
        throw LuaCallError("parameter '\(name)' must be \(article) \(kind.rawValue), got '\(text)' (from --arg \(name)=\(text))")
    }
}

extension ParameterDeclaration {
    /// What `RECIPE.lua --help` shows of it.
    var listed: RecipeParameter {
        let shownDefault: String? = switch defaultValue {
        case .nil: nil
        case .string(let text): "\"\(text.description)\""
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .boolean(let flag): String(flag)
        default: defaultValue.typeName
        }
        return RecipeParameter(name: name, type: kind.rawValue, required: required, defaultValue: shownDefault, description: description)
    }
}

/// One parameter a recipe declares with `omneo.params`, as `omneo-run RECIPE.lua --help` lists it.
public struct RecipeParameter: Sendable, Equatable {
    public let name: String
    /// `string`, `number`, `integer` or `boolean`.
    public let type: String
    public let required: Bool
    /// The default as Lua writes it (`10000`, `"email"`, `false`); nil when there is none.
    public let defaultValue: String?
    public let description: String?
}
