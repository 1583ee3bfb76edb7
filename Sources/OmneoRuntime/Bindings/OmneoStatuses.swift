// omneo.statuses: the tenant's status definitions (fetched once per run), and handle validation.
import OmneoSession
import OmneoModel
import LuaHost

enum OmneoStatuses: OmneoModule {
    static let names = ["omneo.statuses", "omneo.statuses.list", "omneo.statuses.get", "omneo.statuses.require"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.statuses.list": { call in
                let tenant = try context.requireTenant(call)
                return context.parkAnswer(call) { [.array(try await tenant.session.statuses().map(\.luaValue))] }
            },
            "omneo.statuses.get": { call in
                let tenant = try context.requireTenant(call)
                let handle = try call.string(1)
                let source = context.argumentSource(of: handle)
                return context.parkAnswer(call) {
                    if let status = try await tenant.session.statuses().first(where: { $0.handle == handle }) { return [status.luaValue] }
                    let unknown = try await tenant.session.unknownHandle(in: [handle]) ?? "unknown status '\(handle)'"
                    return [.nil, .string(unknown + source)]
                }
            },
            "omneo.statuses.require": { call in
                let tenant = try context.requireTenant(call)
                let handles = try (1...max(call.argumentCount, 1)).map { try call.string($0) }
                return context.parkAnswer(call) {
                    try await tenant.session.checkHandles(handles)
                    return [.boolean(true)]
                }
            },
        ]
    }

    static let glue = HostGlue.checked + EmbeddedLua.omneoStatuses
}
