// `omneo-run check`: compile a recipe in a throwaway state and report problems with file:line.
import OmneoLint
import LuaHost

public enum RecipeChecker {
    /// Every problem found in the file, as "file:line: message" lines.
    package static func check(path: String, extraModules: [any OmneoModule.Type] = []) -> [String] {
        guard let source = FileContents.read(path) else {
            return ["\(path): cannot read: \(FileContents.lastError())"]
        }
        let linter = RecipeLinter(knownGlobals: RecipeSandbox.globalNames, omneoNames: OmneoModules.names(with: extraModules))
        return linter.lint(source: source, chunkName: "@" + path).map(\.description)
    }
}
