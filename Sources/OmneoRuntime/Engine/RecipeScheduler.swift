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

    func run() async -> RecipeOutcome {
        var threads: [Int: LuaThread] = [0: prepared.thread]
        var ready: [(id: Int, values: [LuaValue])] = [(0, [])]
        return await withTaskGroup(of: (Int, Result<[LuaValue], any Error>).self) { group in
            defer { group.cancelAll() }
            if let deadline {
                // A run stuck waiting on the tenant stops at --timeout like a looping one.
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    return (Self.deadlineTask, .failure(RunStop(reason: .timeout, message: "")))
                }
            }
            while true {
                while !ready.isEmpty {
                    let (id, values) = ready.removeFirst()
                    board.current = id
                    guard let thread = threads[id] else { continue }
                    let result = RecipeRunner.resume(thread, values)
                    for (newID, function) in board.spawned {
                        threads[newID] = LuaThread(state: prepared.sandbox.state, function: function)
                        ready.append((newID, []))
                    }
                    board.spawned.removeAll()
                    switch result {
                    case .success(.hostYield):
                        switch board.waiting[id] {
                        case .operation(let operation):
                            board.waiting[id] = nil
                            board.inFlight += 1
                            group.addTask(operation: Self.work(operation, for: id))
                        case .tasks(let tasks):
                            if let values = board.results(for: tasks) {
                                board.waiting[id] = nil
                                ready.append((id, values))
                            }
                        case nil:
                            return RecipeRunner.classify(result, prepared)
                        }
                    case .success(.finished(let values)):
                        threads[id] = nil
                        board.endings[id] = .returned(values)
                        if id != 0 { ready += wake(after: id) }
                    case .success(.failed(let error)) where id != 0:
                        threads[id] = nil
                        board.endings[id] = .raised(error)
                        board.unclaimed.insert(id)
                        ready += wake(after: id)
                    default:
                        return RecipeRunner.classify(result, prepared)
                    }
                }
                if board.inFlight == 0 {
                    return finish(blocked: threads.keys.sorted())
                }
                guard let (id, result) = await group.next() else { return finish(blocked: threads.keys.sorted()) }
                if id == Self.deadlineTask {
                    return .stopped(message: "\(prepared.options.recipePath): \(RecipeRunner.timeoutMessage(prepared.options.timeout ?? 0))")
                }
                board.inFlight -= 1
                switch result {
                case .success(let values):
                    ready.append((id, values))
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

    /// Tasks waiting on `id` (and others that have all ended) become ready with the results.
    private func wake(after id: Int) -> [(id: Int, values: [LuaValue])] {
        var woken: [(id: Int, values: [LuaValue])] = []
        for (waiter, waiting) in board.waiting {
            guard case .tasks(let tasks) = waiting, tasks.contains(id), let values = board.results(for: tasks) else { continue }
            board.waiting[waiter] = nil
            woken.append((waiter, values))
        }
        return woken.sorted { $0.id < $1.id }
    }

    /// Nothing is ready or in flight: the run is over when only finished tasks remain.
    private func finish(blocked: [Int]) -> RecipeOutcome {
        if !blocked.isEmpty {
            return .failed(message: "\(prepared.options.recipePath): omneo.wait: tasks \(blocked.map(String.init).joined(separator: ", ")) wait for each other and can never finish", traceback: nil)
        }
        if let first = board.unclaimed.min(), case .raised(let error) = board.endings[first] {
            return .failed(message: error.message + " (in a task started by omneo.spawn that nobody waited for)", traceback: error.traceback)
        }
        return .finished
    }
}
