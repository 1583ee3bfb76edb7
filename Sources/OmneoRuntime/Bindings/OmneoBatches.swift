// omneo.batches: reading and waiting for the tenant's asynchronous batches by id.
import LuaHost
import OmneoClient

enum OmneoBatches: OmneoModule {
    static let names = ["omneo.batches", "omneo.batches.get", "omneo.batches.wait"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.batches.get": { call in
                let tenant = try context.requireTenant(call)
                let id = try call.string(1)
                return context.parkAnswer(call) { [try await tenant.session.call { try await $0.batch(id: id) }.luaValue] }
            },
            "omneo.batches.wait": { call in
                let tenant = try context.requireTenant(call)
                let ids = try batchIDs(call)
                let timeout = try call.isNil(2) ? 300 : call.table(2)["timeout"].numberValue ?? 300
                return context.parkAnswer(call) {
                    let client = tenant.session.client
                    let batches = try await tenant.session.fanOut(ids, gated: false) { try await client.waitForBatch(id: $0, timeout: timeout) }
                    return [.array(batches.map(\.luaValue))]
                }
            },
        ]
    }

    private static func batchIDs(_ call: LuaCall) throws -> [String] {
        if case .string(let id) = try call.value(1) { return [id.description] }
        guard let list = try call.table(1).arrayElements, let ids = Optional(list.compactMap(\.stringValue)), ids.count == list.count else {
            throw call.argumentError(1, "batch id or list of batch ids expected")
        }
        return ids
    }

    static let glue = EmbeddedLua.omneoBatches
}
