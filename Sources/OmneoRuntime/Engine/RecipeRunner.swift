// Runs one recipe to its end: sandbox, limits, and the recipe as the host's main coroutine, resumed
// each time the tenant work it waits for is done.
import Foundation
import LuaHost
import OmneoClient

public struct RecipeResult: Sendable {
    public let outcome: RecipeOutcome
    public let summary: RunSummary
}

public enum RecipeRunner {
    /// Runs a recipe that needs no tenant, synchronously (a tenant call then fails, saying so).
    public static func run(_ options: RecipeOptions) -> RecipeOutcome {
        var options = options
        options.client = nil
        let prepared: Prepared
        switch prepare(options) {
        case .success(let value): prepared = value
        case .failure(let failure): return failure.outcome
        }
        defer { prepared.finish() }
        return classify(resume(prepared.thread, []), prepared)
    }

    /// `run`'s first step (RecipeChecker.preflight): nil when the recipe may start, else how it ended before
    /// anything was asked of the tenant. Warnings (a global assigned) go to the log.
    public static func lint(_ options: RecipeOptions) -> RecipeOutcome? {
        let (problems, warnings) = RecipeChecker.preflight(options)
        for warning in warnings { options.log(.warn, warning) }
        guard !problems.isEmpty else { return nil }
        let mistakes = problems.count == 1 ? "the mistake above" : "the \(problems.count) mistakes above"
        let stopped = "\(options.recipePath) was not run (nothing was asked of the tenant): fix \(mistakes) first; "
            + "`omneo-run check \(options.recipePath)` finds these without running"
        return .failed(message: (problems + [stopped]).joined(separator: "\n"), traceback: nil)
    }

    /// Runs a recipe, doing the tenant work its calls wait for; returns how it ended and the summary.
    public static func execute(_ options: RecipeOptions) async -> RecipeResult {
        if options.lintFirst, let stopped = lint(options) {
            var summary = RunSummary()
            summary.ending = .failed
            return RecipeResult(outcome: stopped, summary: summary)
        }
        let started = ContinuousClock.now
        let prepared: Prepared
        switch prepare(options) {
        case .success(let value): prepared = value
        case .failure(let failure):
            var summary = RunSummary()
            summary.ending = failure.outcome.ending
            return RecipeResult(outcome: failure.outcome, summary: summary)
        }
        let outcome = await RecipeScheduler(prepared: prepared, deadline: options.timeout.map { started + .seconds($0) }).run()
        prepared.finish()
        var summary = await summary(prepared, elapsed: ContinuousClock.now - started, stopped: outcome.isInterrupted)
        summary.ending = outcome.ending
        summary.stopped = outcome.isInterrupted
        return RecipeResult(outcome: outcome, summary: summary)
    }

    private static func summary(_ prepared: Prepared, elapsed: Duration, stopped: Bool) async -> RunSummary {
        var summary = RunSummary()
        let options = prepared.options
        summary.runID = options.runID
        summary.tenant = options.tenant
        summary.dryRun = options.dryRun
        summary.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        summary.outcomes = prepared.context.report.counts
        summary.rows = prepared.context.report.rows
        summary.reportPath = prepared.context.report.wroteFile ? options.reportPath : nil
        summary.journalProblem = prepared.context.report.journalError
        if let client = options.client {
            summary.requests = client.statistics.requestsSent
            summary.retries = client.statistics.retries
        }
        if let tenant = prepared.context.tenant, options.dryRun, !stopped { summary.plan = await tenant.planLines() }
        return summary
    }
}
