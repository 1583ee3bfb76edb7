// How a recipe run ended, in the terms the CLI turns into messages and exit codes.

public enum RecipeOutcome: Sendable, Equatable {
    /// The recipe ran to its end.
    case finished
    /// The recipe raised (or failed to compile): `file:line: message` and a Lua traceback.
    case failed(message: String, traceback: String?)
    /// A limit stopped it (--timeout, --max-memory): one line says which.
    case stopped(message: String)
    /// It could not start: unreadable recipe file and the like (a usage error).
    case unusable(message: String)
    /// The tenant refused the run (token, scope) or could not be reached after retries (exit code 3).
    case refused(message: String)
}
