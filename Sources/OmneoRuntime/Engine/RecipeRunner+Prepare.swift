// Setting a run up (sandbox, recipe, watchdog) and reading how a resume ended.
import OmneoSession
import LuaHost

extension RecipeRunner {
    final class Prepared {
        let options: RecipeOptions
        let context: RecipeContext
        let sandbox: RecipeSandbox
        let thread: LuaThread

        init(options: RecipeOptions, context: RecipeContext, sandbox: RecipeSandbox, thread: LuaThread) {
            self.options = options
            self.context = context
            self.sandbox = sandbox
            self.thread = thread
        }

        func finish() {
            sandbox.state.stopWatchdog()
            context.closeAll()
            context.report.close()
        }
    }

    static func prepare(_ options: RecipeOptions) -> Result<Prepared, PrepareFailure> {
        guard let source = FileContents.read(options.recipePath) else {
            return .failure(PrepareFailure(.unusable(message: "cannot read recipe '\(options.recipePath)': \(FileContents.lastError())")))
        }
        let tenant = options.client.map {
            TenantServices(session: TenantSession(
                client: $0, tenant: options.tenant ?? $0.tenant.name, dryRun: options.dryRun,
                concurrency: options.concurrency, progress: options.progress, journal: options.journal,
                resolvePlan: options.resolvePlan, confirmation: options.confirmation
            ))
        }
        let report = RunReport(path: options.reportPath, dryRun: options.dryRun, journal: options.journal)
        let context = RecipeContext(options: options, tenant: tenant, report: report)
        do {
            let sandbox = try RecipeSandbox(context: context)
            let recipe = try sandbox.load(source, chunkName: "@" + options.recipePath)
            if let timeout = options.timeout {
                sandbox.state.startWatchdog(seconds: timeout, message: timeoutMessage(timeout))
            }
            return .success(Prepared(options: options, context: context, sandbox: sandbox, thread: LuaThread(state: sandbox.state, function: recipe)))
        } catch let error as LuaError {
            context.closeAll()
            return .failure(PrepareFailure(.failed(message: error.message, traceback: nil)))
        } catch {
            context.closeAll()
            return .failure(PrepareFailure(.failed(message: String(describing: error), traceback: nil)))
        }
    }

    struct PrepareFailure: Error {
        let outcome: RecipeOutcome
        init(_ outcome: RecipeOutcome) { self.outcome = outcome }
    }

    static func resume(_ thread: LuaThread, _ arguments: [LuaArgument]) -> Result<LuaThread.Outcome, PrepareFailure> {
        do {
            return .success(try thread.resume(arguments))
        } catch {
            return .failure(PrepareFailure(.failed(message: String(describing: error), traceback: nil)))
        }
    }

    static func classify(_ result: Result<LuaThread.Outcome, PrepareFailure>, _ prepared: Prepared) -> RecipeOutcome {
        let options = prepared.options
        let state = prepared.sandbox.state
        switch result {
        case .failure(let failure):
            return failure.outcome
        case .success(.finished):
            return .finished
        case .success(.hostYield):
            return .failed(message: "\(options.recipePath): an API call waited outside the scheduler", traceback: nil)
        case .success(.yielded):
            return .failed(message: "\(options.recipePath): attempt to yield from outside a coroutine", traceback: nil)
        case .success(.failed(let error)):
            if state.isInterrupted, let timeout = options.timeout {
                // The stop raises at the running line; if some other error won the race, or the line
                // is the host's own glue ("[omneo]:13:"), the timeout is still why the recipe ended.
                let message = timeoutMessage(timeout)
                let line = String(error.message.prefix { $0 != "\n" })
                return .stopped(message: line.contains(message) && !line.hasPrefix("[omneo]")
                    ? line : "\(options.recipePath): \(message)")
            }
            if error.isMemoryError, let limit = options.maxMemoryMB {
                return .stopped(message: "\(options.recipePath): out of memory: the recipe needed more than "
                    + "\(limit) MB (--max-memory \(limit))")
            }
            if let problem = prepared.context.parameterProblem, error.message.contains(problem) {
                return .unusable(message: error.message)
            }
            if prepared.context.missingTenant {
                return .unusable(message: String(error.message.prefix { $0 != "\n" }))
            }
            return .failed(message: error.message, traceback: error.traceback)
        }
    }

    static func timeoutMessage(_ seconds: Double) -> String {
        let shown = seconds == seconds.rounded() ? "\(Int(seconds))" : "\(seconds)"
        return "timeout: the recipe ran longer than \(shown) s (--timeout)"
    }
}
