// omneo.profiles: reading profiles by id, by any filter, page by page, and resolving emails to ids.
import OmneoModel
import LuaHost
import OmneoClient
import OmneoSession

enum OmneoProfiles: OmneoModule {
    static let names = [
        "omneo.profiles", "omneo.profiles.get", "omneo.profiles.find", "omneo.profiles.find_one",
        "omneo.profiles.each", "omneo.profiles.resolve", "omneo.profiles.attribute",
    ]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.profiles.get": { call in
                let tenant = try context.requireTenant(call)
                let id = try call.string(1)
                let identity = try call.isNil(2) ? nil : call.table(2)["identity"].stringValue
                return context.parkAnswer(call) {
                    guard let profile = try await tenant.reader.profile(id: id, identity: identity) else { return [.nil, "not_found"] }
                    return [profile.luaValue]
                }
            },
            "omneo.profiles.page": { call in
                let tenant = try context.requireTenant(call)
                let filters = try Self.filters(call)
                let page = Int(try call.integer(2))
                let size = Int(try call.integer(3))
                return context.parkAnswer(call) {
                    let result = try await tenant.reader.page(filters: filters, page: page, size: size)
                    return [.array(result.profiles.map(\.luaValue)), .boolean(result.hasNextPage), .integer(Int64(result.total ?? result.profiles.count))]
                }
            },
            "omneo.profiles.resolve": { call in
                let tenant = try context.requireTenant(call)
                guard let list = try call.table(1).arrayElements else { throw call.argumentError(1, "list of emails expected") }
                let emails = list.map { $0.stringValue ?? "" }
                let plan = try ResolvePlan.option(call.isNil(2) ? .nil : call.table(2), argument: 2, of: call)
                return context.parkAnswer(call) { [try await tenant.resolver.resolve(emails, plan: plan).luaValue] }
            },
        ]
    }

    /// `{email = "..."}` becomes `["email": ["..."]]`; `{["tags.handle"] = {"vip", "mobile-app"}}` asks for
    /// profiles holding any of the tags (sent as the key repeated).
    static func filters(_ call: LuaCall) throws -> [String: [String]] {
        guard case .table(let table) = try call.table(1) else { return [:] }
        var filters: [String: [String]] = [:]
        for (key, value) in table {
            guard let name = key.stringValue else { throw call.argumentError(1, "filter names must be strings") }
            switch value {
            case .string(let text): filters[name] = [text.description]
            case .integer(let number): filters[name] = [String(number)]
            case .table:
                let elements = value.arrayElements ?? []
                let list = elements.compactMap { $0.stringValue ?? $0.integerValue.map(String.init) }
                guard !list.isEmpty, list.count == elements.count else {
                    throw call.argumentError(1, "filter '\(name)' must be a string or a non-empty list of strings")
                }
                filters[name] = list
            default: throw call.argumentError(1, "filter '\(name)' must be a string, got \(value.typeName)")
            }
        }
        return filters
    }

    static let glue = EmbeddedLua.omneoProfiles
}

extension ResolvePlan {
    /// `{plan = "auto" | "lookups" | "scan"}` in the options table at `argument`: nil when absent, and
    /// anything else raised as a misuse.
    static func option(_ options: LuaValue, argument: Int, of call: LuaCall) throws -> ResolvePlan? {
        let value = options["plan"]
        if value.isNil { return nil }
        guard let text = value.stringValue, let plan = ResolvePlan(rawValue: text) else {
            throw call.argumentError(argument, "plan must be \"auto\", \"lookups\" or \"scan\"")
        }
        return plan
    }
}
