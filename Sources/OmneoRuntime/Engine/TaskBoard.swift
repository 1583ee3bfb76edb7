// The recipe's tasks as the scheduler sees them: which is running, what each waits for, how each ended.
public import LuaHost

package final class TaskBoard {
    package enum Waiting {
        /// Swift work (a request, a poll) whose values resume the task.
        case operation(HostOperation)
        /// Other tasks (`omneo.wait`): resumed with their results once all of them ended.
        case tasks([Int])
    }

    package enum Ending {
        case returned([LuaValue])
        case raised(LuaError)
    }

    /// The task being resumed now; host functions park on its behalf.
    package var current = 0
    package var waiting: [Int: Waiting] = [:]
    package var endings: [Int: Ending] = [:]
    /// Spawned, not yet started: the scheduler turns each into a coroutine.
    package var spawned: [(id: Int, function: LuaReference)] = []
    /// Raised errors no `omneo.wait` has collected yet: they fail the run at its end.
    package var unclaimed: Set<Int> = []
    /// Operations started and not yet answered.
    package var inFlight = 0
    private var nextID = 1

    package func park(_ operation: @escaping HostOperation) {
        waiting[current] = .operation(operation)
    }

    package func spawn(_ function: LuaReference) -> Int {
        let id = nextID
        nextID += 1
        spawned.append((id, function))
        return id
    }

    package func wait(for tasks: [Int]) {
        waiting[current] = .tasks(tasks)
        for task in tasks { unclaimed.remove(task) }
    }

    /// The values a waiter resumes with once every task it waits for has ended: `true` and each task's
    /// first result (all of them for a single task), or `false, message` when one raised.
    package func results(for tasks: [Int]) -> [LuaValue]? {
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
