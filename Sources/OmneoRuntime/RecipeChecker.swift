// `omneo-run check`: compile a recipe in a throwaway state and report problems with file:line.
import LuaHost

public enum RecipeChecker {
    /// Every problem found in the file, as "file:line: message" lines.
    public static func check(path: String) -> [String] {
        guard let source = FileContents.read(path) else {
            return ["\(path): cannot read: \(FileContents.lastError())"]
        }
        do {
            let state = try LuaState()
            _ = try state.load(source, chunkName: "@" + path)
            return []
        } catch let error as LuaError {
            return [error.message]
        } catch {
            return ["\(path): \(error)"]
        }
    }
}
