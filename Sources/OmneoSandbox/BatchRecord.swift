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

    func json() -> JSONValue {
        let failed = items.count(where: { !$0.succeeded })
        let status = !finished ? "pending" : (failed == items.count && !items.isEmpty ? "failed" : "success")
        return .object([
            "id": .string(id),
            "entity_type": .string(entityType),
            "status": .string(status),
            "total_count": .integer(Int64(totalCount)),
            "processed_count": .integer(Int64(items.count)),
            "success_count": .integer(Int64(items.count - failed)),
            "failed_count": .integer(Int64(failed)),
            "created_at": .string(Timestamp.string(created)),
            "updated_at": .string(Timestamp.string(updated)),
            "items": .array(items.map { item in
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
