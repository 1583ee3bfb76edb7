// OpenResty-style: every task is a Lua coroutine, all on this one thread; a task that waits on the
// tenant is parked while its Swift work runs concurrently, and other ready tasks run meanwhile.
import OmneoSession
import LuaHost
import OmneoClient

struct RecipeScheduler {
    let prepared: RecipeRunner.Prepared
    let deadline: ContinuousClock.Instant?

    private var board: TaskBoard { prepared.context.scheduler }
    private static let deadlineTask = -1
    private static let stopTask = -2
    /// The run's stop switch (Ctrl-C, a declined confirmation); none without a tenant.
    private var stopSwitch: StopSwitch? { prepared.options.client?.stopSwitch }

    func run() async -> RecipeOutcome {
        let state = prepared.sandbox.state
        var threads: [Int: LuaThread] = [0: prepared.thread]
        var ready = ReadyQueue()
        ready.append(0, [])
        return await withTaskGroup(of: (Int, Result<[LuaValue], any Error>).self) { group in
            defer { group.cancelAll() }
            if let deadline {
                // A run stuck waiting on the tenant stops at --timeout like a looping one.
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    return (Self.deadlineTask, .failure(RunStop(reason: .timeout, message: "")))
                }
            }
            if let stopSwitch {
                group.addTask {
                    await stopSwitch.wait()
                    return (Self.stopTask, .success([]))
                }
            }
            while true {
                while let (id, arguments) = ready.popFirst() {
                    if let reason = stopSwitch?.reason { return await drain(&group, reason) }
                    guard let thread = threads[id] else { continue }
                    board.current = id
                    let result = RecipeRunner.resume(thread, arguments)
                    for (newID, function) in board.spawned {
                        threads[newID] = LuaThread(state: state, function: function)
                        ready.append(newID, [])
                    }
                    board.spawned.removeAll()
                    if let stop = limitStop(after: result) { return stop }
                    switch result {
                    case .success(.hostYield):
                        switch board.waiting[id] {
                        case .operation(let operation):
                            board.waiting[id] = nil
                            board.inFlight += 1
                            group.addTask(operation: Self.work(operation, for: id))
                        case .tasks(let tasks):
                            if let arguments = board.results(for: tasks) {
                                board.waiting[id] = nil
                                ready.append(id, arguments)
                            }
                        case nil:
                            return RecipeRunner.classify(result, prepared)
                        }
                    case .success(.finished(let results)):
                        threads[id] = nil
                        ready.append(contentsOf: board.end(id, .returned(results.packed), in: state))
                    case .success(.failed(let error)) where id != 0:
                        threads[id] = nil
                        ready.append(contentsOf: board.end(id, .raised(error), in: state))
                    default:
                        return RecipeRunner.classify(result, prepared)
                    }
                }
                if let reason = stopSwitch?.reason { return await drain(&group, reason) }
                if board.inFlight == 0 {
                    return finish(blocked: threads.keys.sorted())
                }
                guard let (id, result) = await group.next() else { return finish(blocked: threads.keys.sorted()) }
                if id == Self.deadlineTask { return timedOut }
                if id == Self.stopTask { continue }
                board.inFlight -= 1
                switch result {
                case .success(let values):
                    ready.append(id, values.map(LuaArgument.value))
                case .failure(let stopped as SendingStopped):
                    return await drain(&group, stopSwitch?.reason ?? stopped.reason)
                case .failure(let stop as RunStop):
                    return stop.reason == .refused ? .refused(message: stop.message) : .stopped(message: stop.message)
                case .failure(let error as OmneoClientError):
                    return .refused(message: error.description)
                case .failure(let error):
                    return .failed(message: "\(prepared.options.recipePath): \(error)", traceback: nil)
                }
            }
        }
    }

    /// The stop switch was thrown: no task is resumed any more, and the run ends once the work in flight
    /// has: its requests are answered and journaled, and it sends no new one (the client refuses them).
    private func drain(_ group: inout TaskGroup<(Int, Result<[LuaValue], any Error>)>, _ reason: String) async -> RecipeOutcome {
        while board.inFlight > 0, let (id, _) = await group.next() {
            if id >= 0 { board.inFlight -= 1 }
        }
        return .interrupted(message: reason)
    }

    /// The limits hold for every task: a timeout or an out-of-memory error in any of them ends the run
    /// as it would in the main one, rather than becoming that task's error (with any number of tasks
    /// alive, the run stops at the first resume after the deadline).
    private func limitStop(after result: Result<LuaThread.Outcome, RecipeRunner.PrepareFailure>) -> RecipeOutcome? {
        let failed: Bool
        if case .success(.failed(let error)) = result {
            if error.isMemoryError, prepared.options.maxMemoryMB != nil { return RecipeRunner.classify(result, prepared) }
            failed = true
        } else {
            failed = false
        }
        guard prepared.sandbox.state.isInterrupted else { return nil }
        return failed ? RecipeRunner.classify(result, prepared) : timedOut
    }

    private var timedOut: RecipeOutcome {
        .stopped(message: "\(prepared.options.recipePath): \(RecipeRunner.timeoutMessage(prepared.options.timeout ?? 0))")
    }

    /// The child task's body. Built here, from plain parameters: a release build (Swift 6.3) mis-captured
    /// the id destructured from a tuple when the closure was written inline.
    private static func work(_ operation: @escaping HostOperation, for task: Int) -> @Sendable () async -> (Int, Result<[LuaValue], any Error>) {
        {
            do {
                return (task, .success(try await operation()))
            } catch {
                return (task, .failure(error))
            }
        }
    }

    /// Nothing is ready or in flight: the run is over when only finished tasks remain.
    private func finish(blocked: [Int]) -> RecipeOutcome {
        if !blocked.isEmpty {
            return .failed(message: "\(prepared.options.recipePath): omneo.wait: tasks \(blocked.map(String.init).joined(separator: ", ")) wait for each other and can never finish", traceback: nil)
        }
        if let (_, opened) = prepared.context.openStatusStreams.min(by: { $0.key < $1.key }) {
            return .failed(message: "\(opened): a status stream opened here was never ended with :wait() (or :finish()): the ids pushed after its last full chunk were not sent; the chunks sent are journaled", traceback: nil)
        }
        if let first = board.unclaimed.min(), case .raised(let error) = board.endings[first] {
            return .failed(message: error.message + " (in a task started by omneo.spawn that nobody waited for)", traceback: error.traceback)
        }
        return .finished
    }
}
