// Read-only routes under /_sandbox for tests and demos: no token, not rate limited, not logged, no faults.
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
                    "sequence": .number(Double(entry.sequence)),
                    "arrival": .number(entry.arrival),
                    "time": .number(entry.time),
                    "method": .string(entry.method),
                    "endpoint": .string(entry.endpoint),
                    "target": .string(entry.target),
                    "status": .number(Double(entry.status)),
                    "fault": entry.fault.map(JSONValue.string) ?? .null,
                ])
            }
            return SandboxResponse.json(.object(["total": .number(Double(log.total)), "data": .array(entries)]))
        }
        group.get("stats") { _, _ in
            let byEndpoint = log.countsByEndpoint.mapValues { JSONValue.number(Double($0)) }
            let byStatus = Dictionary(uniqueKeysWithValues: log.countsByStatus.map { (String($0.key), JSONValue.number(Double($0.value))) })
            return SandboxResponse.json(.object([
                "total": .number(Double(log.total)),
                "writes": .number(Double(log.writeCount)),
                "by_endpoint": .object(byEndpoint),
                "by_status": .object(byStatus),
                "profiles": .number(Double(await store.profileCount)),
                "pending_batches": .number(Double(await store.pendingBatchCount)),
            ]))
        }
    }
}
