// Maps how a recipe ended to the contract's messages and exit codes.
import OmneoRuntime

enum ExitStatus {
    static let done: Int32 = 0
    static let recipeError: Int32 = 1
    static let usage: Int32 = 2

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
        }
    }
}
