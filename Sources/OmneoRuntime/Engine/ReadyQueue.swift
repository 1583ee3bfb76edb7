// The tasks ready to run, first in first out.
import LuaHost

/// A queue with O(1) pops: `Array.removeFirst` made a run of 100,000 spawned tasks quadratic.
struct ReadyQueue {
    private var items: [(id: Int, arguments: [LuaArgument])] = []
    private var head = 0

    mutating func append(_ id: Int, _ arguments: [LuaArgument]) { items.append((id, arguments)) }

    mutating func append(contentsOf woken: [(id: Int, arguments: [LuaArgument])]) { items += woken }

    mutating func popFirst() -> (id: Int, arguments: [LuaArgument])? {
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head >= 1024, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
