// Runs one recipe to its end: sandbox, limits, and the recipe as the host's main coroutine.
import LuaHost

public enum RecipeRunner {
    public static func run(_ options: RecipeOptions) -> RecipeOutcome {
        guard let source = FileContents.read(options.recipePath) else {
            return .unusable(message: "cannot read recipe '\(options.recipePath)': \(FileContents.lastError())")
        }
        let context = RecipeContext(options: options)
        defer { context.closeAll() }
        let sandbox: RecipeSandbox
        let recipe: LuaReference
        do {
            sandbox = try RecipeSandbox(context: context)
            recipe = try sandbox.load(source, chunkName: "@" + options.recipePath)
        } catch let error as LuaError {
            return .failed(message: error.message, traceback: nil)
        } catch {
            return .failed(message: String(describing: error), traceback: nil)
        }
        let state = sandbox.state
        if let timeout = options.timeout {
            state.startWatchdog(seconds: timeout, message: timeoutMessage(timeout))
        }
        defer { state.stopWatchdog() }
        return outcome(of: LuaThread(state: state, function: recipe), in: state, options: options)
    }

    private static func outcome(of thread: LuaThread, in state: LuaState, options: RecipeOptions) -> RecipeOutcome {
        let result: LuaThread.Outcome
        do {
            result = try thread.resume()
        } catch {
            return .failed(message: String(describing: error), traceback: nil)
        }
        switch result {
        case .finished:
            return .finished
        case .hostYield:
            return .failed(message: "\(options.recipePath): an API call waited outside the scheduler", traceback: nil)
        case .yielded:
            return .failed(message: "\(options.recipePath): attempt to yield from outside a coroutine", traceback: nil)
        case .failed(let error):
            if state.isInterrupted, let timeout = options.timeout {
                // The stop raises at the running line; if some other error won the race, the
                // timeout is still why the recipe ended.
                let message = timeoutMessage(timeout)
                return .stopped(message: error.message.contains(message)
                    ? firstLine(error.message) : "\(options.recipePath): \(message)")
            }
            if error.isMemoryError, let limit = options.maxMemoryMB {
                return .stopped(message: "\(options.recipePath): out of memory: the recipe needed more than "
                    + "\(limit) MB (--max-memory \(limit))")
            }
            return .failed(message: error.message, traceback: error.traceback)
        }
    }

    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    private static func timeoutMessage(_ seconds: Double) -> String {
        let shown = seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
        return "timeout: the recipe ran longer than \(shown) s (--timeout)"
    }
}
