// Found profile ids, released in input order as the lookups behind them arrive, cut into chunks of a
// fixed size and handed on as soon as each is full: `omneo.assign`'s batches go out while the rest of the
// emails are still being looked up. Chunks depend only on the answers, not on the order they came in, so
// a resumed run (which replays the answers) cuts the very same chunks and sends none of them twice.
import Foundation

final class ChunkFeed: @unchecked Sendable {
    private let lock = NSLock()
    private let size: Int
    private let send: @Sendable ([String], Int) async throws -> Void
    /// Answers by position in the resolver's list of distinct emails: the profile id, or nil (none or several).
    private var answers: [Int: String?] = [:]
    private var next = 0
    private var pending: [String] = []
    private var seen: Set<String> = []
    private var chunks = 0
    private var sends: [Task<Void, any Error>] = []

    init(chunk: Int, send: @escaping @Sendable ([String], Int) async throws -> Void) {
        size = chunk
        self.send = send
    }

    /// The answer for the `position`-th distinct email (its first-row order).
    func answered(_ position: Int, profiles: [String]) {
        lock.withLock {
            answers[position] = profiles.count == 1 ? profiles[0] : String?.none
            while let answer = answers[next] {
                answers[next] = nil
                next += 1
                if let id = answer, seen.insert(id).inserted { pending.append(id) }
            }
            emitFullChunks()
        }
    }

    /// Ids handed over directly, in the caller's order (`omneo.profile_statuses.adder`): each distinct id
    /// joins the next chunk, and a full chunk goes at once.
    func push(_ ids: [String]) {
        lock.withLock {
            for id in ids where seen.insert(id).inserted { pending.append(id) }
            emitFullChunks()
        }
    }

    /// Sends what is left (unless the run is stopping) and waits for every chunk's answer (the first
    /// failure is rethrown).
    func finish(sendingRest: Bool) async throws {
        lock.withLock {
            if sendingRest, !pending.isEmpty { emit(pending) }
            pending = []
        }
        for task in lock.withLock({ sends }) { try await task.value }
    }

    /// Hands on every full chunk of `pending` (under the lock).
    private func emitFullChunks() {
        while pending.count >= size { emit(Array(pending.prefix(size))); pending.removeFirst(size) }
    }

    private func emit(_ ids: [String]) {
        let index = chunks
        chunks += 1
        let send = send
        sends.append(Task { try await send(ids, index) })
    }
}
