// `omneo-run check`: compile a recipe in a throwaway state and report problems with file:line; and the
// same lint as the first step of `run`.
import OmneoLint
import LuaHost

public enum RecipeChecker {
    /// Every problem found in the file, as "file:line: message" lines.
    package static func check(path: String, extraModules: [any OmneoModule.Type] = []) -> [String] {
        guard let source = FileContents.read(path) else {
            return ["\(path): cannot read: \(FileContents.lastError())"]
        }
        return findings(source, path: path, extraModules: extraModules).map(\.description)
    }

    /// `run` lints first: what would stop the recipe at its line anyway (a syntax error, an unknown `omneo.*`
    /// name, an unknown global) stops it now, before the tenant is asked anything; an assignment to an
    /// undeclared global works, so it is only a warning. An unreadable file is left to the run to report.
    package static func preflight(_ options: RecipeOptions) -> (problems: [String], warnings: [String]) {
        guard let source = FileContents.read(options.recipePath) else { return ([], []) }
        let found = findings(source, path: options.recipePath, extraModules: options.extraModules)
        return (found.filter(\.stopsARun).map(\.description), found.filter { !$0.stopsARun }.map { "\($0)" })
    }

    private static func findings(_ source: [UInt8], path: String, extraModules: [any OmneoModule.Type]) -> [LintFinding] {
        let linter = RecipeLinter(knownGlobals: RecipeSandbox.globalNames, omneoNames: OmneoModules.names(with: extraModules))
        return linter.lint(source: source, chunkName: "@" + path)
    }
}
