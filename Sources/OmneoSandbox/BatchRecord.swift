// An asynchronous batch: queued by a write, processed later by the queue, read with GET /v3/batches/{id}.
import OmneoModel
import Foundation

struct BatchRecord: Sendable {
    enum Work: Sendable {
        case attachStatuses([StatusEntry])
        case detachStatuses([StatusEntry])
        case upsertProfiles(matchCriteria: String, profiles: [[String: JSONValue]])
    }

    struct StatusEntry: Sendable {
        var profileID: String
        var handles: [String]
    }

    struct Item: Sendable {
        var id: String
        var entityID: String?
        var succeeded: Bool
        var error: String?
    }

    let id: String
    let work: Work
    let created: Date
    let readyAt: ContinuousClock.Instant
    var updated: Date
    var items: [Item] = []
    var finished = false
    /// Once processed, the states it still reports before its end, each until its instant (`batchStates`).
    var phases: [(state: String, until: ContinuousClock.Instant, pollsLeft: Int)] = []
    /// The states it ends in (`batchEnd`).
    var end = BatchEnd.vendor

    var entityType: String {
        if case .upsertProfiles = work { return "profile" }
        return "profile_status"
    }

    var totalCount: Int {
        switch work {
        case .attachStatuses(let entries), .detachStatuses(let entries): entries.count
        case .upsertProfiles(_, let profiles): profiles.count
        }
    }

    /// The batch as `GET /v3/batches/{id}` shows it at `now`: `pending` until processed, then each state of
    /// `phases` with only half its items counted (the changes are made, the counts are not final), then
    /// `success`, or `failed` when every item failed (or the names of `batchEnd`).
    func json(at now: ContinuousClock.Instant = .now) -> JSONValue {
        json(phase: currentPhase(at: now).map { phases[$0].state })
    }

    /// The phase shown at `now`: the first whose instant has not passed or whose polls are not all seen.
    func currentPhase(at now: ContinuousClock.Instant) -> Int? {
        guard finished else { return nil }
        return phases.firstIndex(where: { now < $0.until || $0.pollsLeft > 0 })
    }

    /// A poll's answer, which counts against the phase it shows.
    mutating func poll(at now: ContinuousClock.Instant = .now) -> JSONValue {
        let index = currentPhase(at: now)
        if let index { phases[index].pollsLeft -= 1 }
        return json(phase: index.map { phases[$0].state })
    }

    private func json(phase: String?) -> JSONValue {
        let shown = phase == nil ? items : Array(items.prefix(items.count / 2))
        let failed = shown.count(where: { !$0.succeeded })
        let final = failed == items.count && !items.isEmpty ? end.allFailed : end.done
        let status = !finished ? "pending" : phase ?? final
        return .object([
            "id": .string(id),
            "entity_type": .string(entityType),
            "status": .string(status),
            "total_count": .integer(Int64(totalCount)),
            "processed_count": .integer(Int64(shown.count)),
            "success_count": .integer(Int64(shown.count - failed)),
            "failed_count": .integer(Int64(failed)),
            "created_at": .string(Timestamp.string(created)),
            "updated_at": .string(Timestamp.string(updated)),
            "items": .array(shown.map { item in
                .object([
                    "id": .string(item.id),
                    "entity_id": item.entityID.map(JSONValue.string) ?? .null,
                    "status": .string(item.succeeded ? "success" : "failed"),
                    "error": item.error.map(JSONValue.string) ?? .null,
                ])
            }),
        ])
    }
}
