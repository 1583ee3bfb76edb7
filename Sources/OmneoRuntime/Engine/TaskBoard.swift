// The recipe's tasks as the scheduler sees them: which is running, what each waits for, how each ended.
import LuaHost

final class TaskBoard {
    /// Tasks started and not yet ended, at most: a recipe that spawns without waiting is stopped with
    /// a clear error long before its threads and records fill the memory limit (100,000 of them ran
    /// past --timeout). `omneo.each` keeps a handful alive, whatever the list.
    static let maxLive = 10_000
    /// What the host keeps for a task while it lives (its LuaThread, anchors, queue and board entries),
    /// and after it ended (its ending, until the run is over): counted as the recipe's memory.
    static let liveRecordBytes = 256
    static let endedRecordBytes = 64

    enum Waiting {
        /// Swift work (a request, a poll) whose values resume the task.
        case operation(HostOperation)
        /// Other tasks (`omneo.wait`): resumed with their results once all of them ended.
        case tasks([Int])
    }

    enum Ending {
        /// The task's return values, packed in a Lua table (they stay in Lua, counted by its allocator).
        case returned(LuaReference)
        case raised(LuaError)
    }

    /// The task being resumed now; host functions park on its behalf.
    var current = 0
    var waiting: [Int: Waiting] = [:]
    var endings: [Int: Ending] = [:]
    /// Spawned, not yet started: the scheduler turns each into a coroutine.
    var spawned: [(id: Int, function: LuaReference)] = []
    /// Raised errors no `omneo.wait` has collected yet: they fail the run at its end.
    var unclaimed: Set<Int> = []
    /// Operations started and not yet answered.
    var inFlight = 0
    private(set) var live = 0
    /// Who waits on a task, so an ending wakes its waiters without a look at every other task.
    private var waiters: [Int: [Int]] = [:]
    private var nextID = 1

    func park(_ operation: @escaping HostOperation) {
        waiting[current] = .operation(operation)
    }

    func spawn(_ function: LuaReference, in state: LuaState) throws -> Int {
        guard live < Self.maxLive else {
            throw LuaCallError("omneo.spawn: \(Self.maxLive) tasks are already running, the most a recipe may have at once "
                + "(wait for some with omneo.wait first, or let omneo.each run a list a few at a time)")
        }
        let id = nextID
        nextID += 1
        live += 1
        state.accountHostMemory(Self.liveRecordBytes)
        spawned.append((id, function))
        return id
    }

    func wait(for tasks: [Int]) {
        waiting[current] = .tasks(tasks)
        for task in tasks {
            unclaimed.remove(task)
            if endings[task] == nil { waiters[task, default: []].append(current) }
        }
    }

    /// Records how task `id` ended; returns the waiters that can go on now.
    func end(_ id: Int, _ ending: Ending, in state: LuaState) -> [(id: Int, arguments: [LuaArgument])] {
        endings[id] = ending
        if id != 0 {  // the main task is not spawned (and its error ends the run)
            live -= 1
            state.accountHostMemory(Self.endedRecordBytes - Self.liveRecordBytes)
            if case .raised = ending { unclaimed.insert(id) }
        }
        var woken: [(id: Int, arguments: [LuaArgument])] = []
        for waiter in Set(waiters.removeValue(forKey: id) ?? []).sorted() {
            guard case .tasks(let tasks) = waiting[waiter], let arguments = results(for: tasks) else { continue }
            waiting[waiter] = nil
            woken.append((waiter, arguments))
        }
        return woken
    }

    /// What a waiter resumes with once every task it waits for has ended: `true` and each task's packed
    /// results (the glue unpacks them: all of one task's, the first of each of several), or
    /// `false, message` when one raised.
    func results(for tasks: [Int]) -> [LuaArgument]? {
        var arguments: [LuaArgument] = [.value(.boolean(true))]
        for task in tasks {
            switch endings[task] {
            case nil: return nil
            case .raised(let error):
                // Delivered to a waiter: no longer an error nobody saw.
                unclaimed.subtract(tasks)
                return [.value(.boolean(false)), .value(.string(error.message))]
            case .returned(let packed):
                arguments.append(.reference(packed))
            }
        }
        return arguments
    }
}
