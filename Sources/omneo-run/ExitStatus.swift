// Maps how a recipe ended to the contract's messages and exit codes.
import OmneoRuntime

enum ExitStatus {
    static let done: Int32 = 0
    static let recipeError: Int32 = 1
    static let usage: Int32 = 2
    static let refused: Int32 = 3
    static let rowsFailed: Int32 = 4
    /// The first write to a live tenant was not confirmed: the run stopped before it.
    static let declined: Int32 = 5
    /// Ctrl-C (128 + SIGINT, as a shell reports it).
    static let interrupted: Int32 = 130

    /// Prints the outcome and the summary (stderr, or JSON on stdout) and returns the exit code.
    static func report(_ result: RecipeResult, json: Bool, quiet: Bool) -> Int32 {
        var code = report(result.outcome)
        if code == done, result.summary.failedRows > 0 { code = rowsFailed }
        if json {
            Console.output(result.summary.json)
        } else if result.summary.tenant != nil || result.summary.rows > 0, !quiet || code != done {
            for line in result.summary.lines { Console.error(line) }
        }
        return code
    }

    /// Prints what the user needs to read and returns the exit code.
    static func report(_ outcome: RecipeOutcome) -> Int32 {
        switch outcome {
        case .finished:
            return done
        case .failed(let message, let traceback):
            Console.error(message)
            if let traceback { Console.error(traceback) }
            return recipeError
        case .stopped(let message):
            Console.error(message)
            return recipeError
        case .unusable(let message):
            Console.error("omneo-run: \(message)")
            return usage
        case .refused(let message):
            Console.error("omneo-run: \(message)")
            return refused
        case .interrupted(let message):
            Console.error("omneo-run: stopped: \(message)")
            return interrupted
        }
    }
}
