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

    /// Runs a recipe, doing the tenant work its calls wait for; returns how it ended and the summary.
    public static func execute(_ options: RecipeOptions) async -> RecipeResult {
        let started = ContinuousClock.now
        let prepared: Prepared
        switch prepare(options) {
        case .success(let value): prepared = value
        case .failure(let failure): return RecipeResult(outcome: failure.outcome, summary: RunSummary())
        }
        let outcome = await drive(prepared, deadline: options.timeout.map { started + .seconds($0) })
        prepared.finish()
        return RecipeResult(outcome: outcome, summary: summary(prepared, elapsed: ContinuousClock.now - started))
    }

    private static func drive(_ prepared: Prepared, deadline: ContinuousClock.Instant?) async -> RecipeOutcome {
        var result = resume(prepared.thread, [])
        while case .success(.hostYield) = result, let operation = prepared.context.pendingOperation {
            prepared.context.pendingOperation = nil
            do {
                let values = try await withDeadline(deadline, operation)
                result = resume(prepared.thread, values)
            } catch let stop as RunStop {
                return stop.reason == .refused
                    ? .refused(message: stop.message)
                    : .stopped(message: "\(prepared.options.recipePath): \(timeoutMessage(prepared.options.timeout ?? 0))")
            } catch let error as OmneoClientError {
                return .refused(message: error.description)
            } catch {
                return .failed(message: "\(prepared.options.recipePath): \(error)", traceback: nil)
            }
        }
        return classify(result, prepared)
    }

    /// Races the operation against --timeout: a run stuck waiting on the tenant stops like a looping one.
    private static func withDeadline(_ deadline: ContinuousClock.Instant?, _ operation: @escaping HostOperation) async throws -> [LuaValue] {
        guard let deadline else { return try await operation() }
        let box = UncheckedOperation(operation)
        return try await withThrowingTaskGroup(of: [LuaValue].self) { group in
            group.addTask { try await box.operation() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                throw RunStop(reason: .timeout, message: "")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private static func summary(_ prepared: Prepared, elapsed: Duration) -> RunSummary {
        var summary = RunSummary()
        let options = prepared.options
        summary.runID = options.runID
        summary.tenant = options.tenant
        summary.dryRun = options.dryRun
        summary.elapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        summary.outcomes = prepared.context.report.counts
        summary.rows = prepared.context.report.rows
        summary.reportPath = prepared.context.report.wroteFile ? options.reportPath : nil
        if let client = options.client {
            summary.requests = client.statistics.requestsSent
            summary.retries = client.statistics.retries
        }
        if let session = prepared.context.session, options.dryRun { summary.plan = session.plan.lines }
        return summary
    }
}

/// The operation crosses into a child task of the same run; the Lua state it touches is not used meanwhile.
private struct UncheckedOperation: @unchecked Sendable {
    let operation: HostOperation
    init(_ operation: @escaping HostOperation) { self.operation = operation }
}
