// Read-only routes under /_sandbox for tests and demos: no token, not rate limited, not logged, no faults.
import OmneoModel
import Hummingbird

struct InspectionRoutes {
    let store: TenantStore
    let log: RequestLog

    func register(on group: RouterGroup<SandboxContext>) {
        group.get("profiles/{id}") { _, context in
            switch await store.inspect(profileID: try context.parameters.require("id")) {
            case .live(let profile): SandboxResponse.json(.object(["data": profile, "state": "live"]))
            case .deleted(let profile): SandboxResponse.json(.object(["data": profile, "state": "deleted"]))
            case .absent: SandboxResponse.json(.object(["message": "Profile not found.", "state": "absent"]), status: .notFound)
            }
        }
        group.get("statuses") { _, _ in
            let snapshot = await store.statusSnapshot.mapValues { JSONValue.array($0.map(JSONValue.string)) }
            return SandboxResponse.json(.object(["data": .object(snapshot)]))
        }
        group.get("requests") { request, _ in
            let after = QueryString.parse(request.uri.query)["after"].flatMap { Int($0) } ?? 0
            let entries = log.entries(after: after).map { entry -> JSONValue in
                .object([
                    "sequence": .integer(Int64(entry.sequence)),
                    "arrival": .float(entry.arrival),
                    "time": .float(entry.time),
                    "method": .string(entry.method),
                    "endpoint": .string(entry.endpoint),
                    "target": .string(entry.target),
                    "status": .integer(Int64(entry.status)),
                    "fault": entry.fault.map(JSONValue.string) ?? .null,
                ])
            }
            return SandboxResponse.json(.object(["total": .integer(Int64(log.total)), "data": .array(entries)]))
        }
        group.get("stats") { _, _ in
            let byEndpoint = log.countsByEndpoint.mapValues { JSONValue.integer(Int64($0)) }
            let byStatus = Dictionary(uniqueKeysWithValues: log.countsByStatus.map { (String($0.key), JSONValue.integer(Int64($0.value))) })
            return SandboxResponse.json(.object([
                "total": .integer(Int64(log.total)),
                "writes": .integer(Int64(log.writeCount)),
                "by_endpoint": .object(byEndpoint),
                "by_status": .object(byStatus),
                "profiles": .integer(Int64(await store.profileCount)),
                "pending_batches": .integer(Int64(await store.pendingBatchCount)),
            ]))
        }
    }
}
