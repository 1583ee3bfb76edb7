// omneo.statuses: the tenant's status definitions (fetched once per run), and handle validation.
public import OmneoSession
import OmneoModel
import LuaHost

enum OmneoStatuses: OmneoModule {
    static let names = ["omneo.statuses", "omneo.statuses.list", "omneo.statuses.get", "omneo.statuses.require"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.statuses.list": { call in
                let session = try context.requireSession(call)
                return context.parkAnswer(call) { [.array(try await session.session.statuses().map(\.luaValue))] }
            },
            "omneo.statuses.get": { call in
                let session = try context.requireSession(call)
                let handle = try call.string(1)
                return context.parkAnswer(call) {
                    if let status = try await session.session.statuses().first(where: { $0.handle == handle }) { return [status.luaValue] }
                    return [.nil, .string(try await session.session.unknownHandle(in: [handle]) ?? "unknown status '\(handle)'")]
                }
            },
            "omneo.statuses.require": { call in
                let session = try context.requireSession(call)
                let handles = try (1...max(call.argumentCount, 1)).map { try call.string($0) }
                return context.parkAnswer(call) {
                    if let unknown = try await session.session.unknownHandle(in: handles) { throw WriteMisuse(unknown) }
                    return [.boolean(true)]
                }
            },
        ]
    }

    static let glue = HostGlue.checked + #"""

    local omneo, host = ...
    local statuses = {}

    --- Every status definition of the tenant (all pages), fetched once per run.
    --- Example: `for _, s in ipairs(omneo.statuses.list()) do omneo.log.info(s.handle) end`
    ---@return {id: integer, handle: string, name: string, group_handle: string?, sort_order: integer?, description: string?}[]|nil, string? err
    statuses.list = host["omneo.statuses.list"]

    --- One definition by handle (exact, case-sensitive), or nil and "unknown status 'vpi' (did you mean 'vip'?)".
    --- Example: `local vip, err = omneo.statuses.get("vip")`
    ---@param handle string
    ---@return table|nil status, string? err
    statuses.get = host["omneo.statuses.get"]

    --- Raises "unknown status 'vpi' (did you mean 'vip'?)" at your line unless every handle exists.
    --- Example: `omneo.statuses.require("influencer", "vip")`
    ---@param ... string
    statuses.require = checked(host["omneo.statuses.require"])

    omneo.statuses = statuses
    """#
}
