// omneo.params{...}: declared recipe parameters, typed and checked before any API call.
import OmneoModel
import LuaHost

enum OmneoParams: OmneoModule {
    static let names = ["omneo.params"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["omneo.params": { call in
            let spec = try call.table(1)
            let declarations = try ParameterDeclaration.parse(spec)
            if context.options.parameterProbe {
                // `RECIPE.lua --help`: the declarations are what was wanted; the recipe goes no further.
                context.declaredParameters = declarations
                context.state?.interrupt(RecipeRunner.probeStop)
                throw LuaCallError(RecipeRunner.probeStop)
            }
            try call.push(.table(try resolve(declarations, context: context)))
            return .values(1)
        }]
    }

    /// The values, or every problem with the command line's `--arg`s at once (also marked as the user's to fix,
    /// so the run ends as a usage error, exit 2, not as a recipe error).
    static func resolve(_ declarations: [ParameterDeclaration], context: RecipeContext) throws -> [LuaValue: LuaValue] {
        var problems = unknownArguments(declarations, context: context)
        var values: [LuaValue: LuaValue] = [:]
        var missing: [String] = []
        for declaration in declarations {
            if let text = context.arguments[declaration.name] {
                do {
                    values[.string(declaration.name)] = try declaration.convert(text)
                } catch let error as LuaCallError {
                    problems.append(error.message)
                }
            } else if declaration.defaultValue != .nil {
                values[.string(declaration.name)] = declaration.defaultValue
            } else if declaration.required {
                missing.append(declaration.name)
            }
        }
        if !missing.isEmpty { problems.append(missingMessage(missing)) }
        guard problems.isEmpty else {
            let message = problems.count == 1 ? problems[0]
                : "\(problems.count) problems with the --arg parameters (`omneo-run \(context.options.recipePath) --help` lists "
                    + "what this recipe takes):\n\t" + problems.joined(separator: "\n\t")
            context.parameterProblem = message
            throw LuaCallError(message)
        }
        return values
    }

    private static func unknownArguments(_ declarations: [ParameterDeclaration], context: RecipeContext) -> [String] {
        let declared = Set(declarations.map(\.name))
        let takes = declarations.isEmpty ? "none" : declarations.map(\.name).sorted().joined(separator: ", ")
        return context.options.arguments.map(\.key).filter { !declared.contains($0) }.map { key in
            let hint = Suggestion.closest(to: key, among: declared).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown parameter '\(key)' given with --arg\(hint); this recipe takes: \(takes)"
        }
    }

    /// One sentence for all of them: `missing required parameters 'file' and 'status': pass --arg file=VALUE --arg status=VALUE`.
    static func missingMessage(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        let listed = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
        let flags = names.map { "--arg \($0)=VALUE" }.joined(separator: " ")
        return "missing required parameter\(names.count == 1 ? "" : "s") \(listed): pass \(flags)"
    }

    static let glue = EmbeddedLua.omneoParams
}
