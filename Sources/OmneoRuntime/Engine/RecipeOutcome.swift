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
    /// The run's stop switch was thrown (Ctrl-C, a declined confirmation): nothing more was sent, and what
    /// was in flight was answered and journaled before it ended.
    case interrupted(message: String)
}

extension RecipeOutcome {
    /// What ended the run, for the journal; nil when it ran to its end.
    public var message: String? {
        switch self {
        case .finished: nil
        case .failed(let message, _), .stopped(let message), .unusable(let message), .refused(let message), .interrupted(let message): message
        }
    }
}

extension RecipeOutcome {
    /// The summary's word for it.
    var ending: RunSummary.Ending {
        switch self {
        case .finished: .done
        case .failed, .unusable: .failed
        case .stopped, .refused, .interrupted: .stopped
        }
    }

    /// Stopped by the run's stop switch (Ctrl-C, a declined confirmation).
    public var isInterrupted: Bool {
        if case .interrupted = self { return true }
        return false
    }
}
