// `omneo-run check`: compile a recipe in a throwaway state and report problems with file:line.
import LuaHost

public enum RecipeChecker {
    /// Every problem found in the file, as "file:line: message" lines.
    public static func check(path: String) -> [String] {
        guard let source = FileContents.read(path) else {
            return ["\(path): cannot read: \(FileContents.lastError())"]
        }
        let linter = RecipeLinter(knownGlobals: RecipeSandbox.globalNames, omneoNames: OmneoModules.names)
        return linter.lint(source: source, chunkName: "@" + path).map(\.description)
    }
}
