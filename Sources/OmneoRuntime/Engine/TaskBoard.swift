// The recipe's tasks as the scheduler sees them: which is running, what each waits for, how each ended.
import LuaHost

final class TaskBoard {
    enum Waiting {
        /// Swift work (a request, a poll) whose values resume the task.
        case operation(HostOperation)
        /// Other tasks (`omneo.wait`): resumed with their results once all of them ended.
        case tasks([Int])
    }

    enum Ending {
        case returned([LuaValue])
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
    private var nextID = 1

    func park(_ operation: @escaping HostOperation) {
        waiting[current] = .operation(operation)
    }

    func spawn(_ function: LuaReference) -> Int {
        let id = nextID
        nextID += 1
        spawned.append((id, function))
        return id
    }

    func wait(for tasks: [Int]) {
        waiting[current] = .tasks(tasks)
        for task in tasks { unclaimed.remove(task) }
    }

    /// The values a waiter resumes with once every task it waits for has ended: `true` and each task's
    /// first result (all of them for a single task), or `false, message` when one raised.
    func results(for tasks: [Int]) -> [LuaValue]? {
        var values: [LuaValue] = [.boolean(true)]
        for task in tasks {
            switch endings[task] {
            case nil: return nil
            case .raised(let error):
                // Delivered to a waiter: no longer an error nobody saw.
                unclaimed.subtract(tasks)
                return [.boolean(false), .string(error.message)]
            case .returned(let results):
                values += tasks.count == 1 ? results : [results.first ?? .nil]
            }
        }
        return values
    }
}
