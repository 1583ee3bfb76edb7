// omneo.params{...}: declared recipe parameters, typed and checked before any API call.
import OmneoModel
import LuaHost

enum OmneoParams: OmneoModule {
    static let names = ["omneo.params"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["omneo.params": { call in
            let spec = try call.table(1)
            let declarations = try ParameterDeclaration.parse(spec)
            try call.push(.table(try resolve(declarations, context: context)))
            return .values(1)
        }]
    }

    static func resolve(_ declarations: [ParameterDeclaration], context: RecipeContext) throws -> [LuaValue: LuaValue] {
        let declared = Set(declarations.map(\.name))
        for (key, _) in context.options.arguments where !declared.contains(key) {
            let hint = Suggestion.closest(to: key, among: declared).map { " (did you mean '\($0)'?)" } ?? ""
            throw LuaCallError("unknown parameter '\(key)' given with --arg\(hint); this recipe takes: "
                + declarations.map(\.name).sorted().joined(separator: ", "))
        }
        var values: [LuaValue: LuaValue] = [:]
        for declaration in declarations {
            if let text = context.arguments[declaration.name] {
                values[.string(declaration.name)] = try declaration.convert(text)
            } else if declaration.defaultValue != .nil {
                values[.string(declaration.name)] = declaration.defaultValue
            } else if declaration.required {
                throw LuaCallError("missing required parameter '\(declaration.name)': pass --arg \(declaration.name)=VALUE")
            }
        }
        return values
    }

    static let glue = EmbeddedLua.omneoParams
}
