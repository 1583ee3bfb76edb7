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
                let filters = try Self.filters(call, name: call.optionalString(4) ?? call.functionName)
                let page = Int(try call.integer(2))
                let size = Int(try call.integer(3))
                let handles = filters.filter { ProfileFilterCheck.filterName($0.key) == "statuses.handle" }.flatMap(\.value)
                return context.parkAnswer(call) {
                    // A misspelt handle matches no profile: the tenant answers "none", never "no such status".
                    try await tenant.session.checkHandles(handles)
                    let result = try await tenant.reader.page(filters: filters, page: page, size: size)
                    return [.array(result.profiles.map(\.luaValue)), .boolean(result.hasNextPage), .integer(Int64(result.total ?? result.profiles.count))]
                }
            },
            // The filters of a search asked one value at a time, checked once before the first of them goes.
            "omneo.profiles.check_filters": { call in
                let tenant = try context.requireTenant(call)
                let filters = try Self.filters(call, name: call.optionalString(2) ?? call.functionName)
                let handles = filters.filter { ProfileFilterCheck.filterName($0.key) == "statuses.handle" }.flatMap(\.value)
                return context.parkAnswer(call) {
                    try await tenant.session.checkHandles(handles)
                    return [.boolean(true)]
                }
            },
            "omneo.profiles.resolve": { call in
                let tenant = try context.requireTenant(call)
                let options = try call.isNil(2) ? LuaValue.nil : call.table(2)
                let plan = try ResolvePlan.option(options, argument: 2, of: call)
                if let handle = try IdentityResolution.handle(options, argument: 2, of: call) {
                    return try IdentityResolution.resolve(call, handle: handle, plan: plan, tenant: tenant, context: context)
                }
                guard let list = try call.table(1).arrayElements else { throw call.argumentError(1, "list of emails expected") }
                let emails = list.map { $0.stringValue ?? "" }
                return context.parkAnswer(call) { [try await tenant.resolver.resolve(emails, plan: plan).luaValue] }
            },
        ]
    }

    /// `{email = "..."}` becomes `["email": ["..."]]`; `{["tags.handle"] = {"vip", "mobile-app"}}` asks for
    /// profiles holding any of the tags (the glue asks one value at a time). Values are strings; a whole number is taken
    /// only for `identities.identifier` (an id a shop system counts), since `email = 12345` is a mistake that
    /// would otherwise match nothing and read as "not found".
    static func filters(_ call: LuaCall, name: String) throws -> [String: [String]] {
        guard case .table(let table) = try call.table(1) else { return [:] }
        func refused(_ message: String) -> LuaCallError { LuaCallError("bad argument #1 to '\(name)' (\(message))") }
        var filters: [String: [String]] = [:]
        for (key, value) in table {
            guard let filter = key.stringValue else { throw refused("filter names must be strings") }
            let numbers = ProfileFilterCheck.filterName(filter) == "identities.identifier"
            let text = { (value: LuaValue) in value.stringValue ?? (numbers ? value.integerValue.map(String.init) : nil) }
            let wanted = numbers ? "a string or a whole number" : "a string"
            switch value {
            case .table:
                let elements = value.arrayElements ?? []
                let list = elements.compactMap(text)
                guard !list.isEmpty, list.count == elements.count else {
                    throw refused("filter '\(filter)' must be \(wanted) or a non-empty list of \(numbers ? "them" : "strings")")
                }
                filters[filter] = list
            default:
                guard let single = text(value) else {
                    throw refused("filter '\(filter)' must be \(wanted), got \(Self.shown(value))")
                }
                filters[filter] = [single]
            }
        }
        return filters
    }

    /// A wrong value as the message shows it: `number 12345`, `boolean true`, `nil`.
    static func shown(_ value: LuaValue) -> String {
        switch value {
        case .integer(let n): "number \(n)"
        case .number(let n): "number \(n)"
        case .boolean(let b): "boolean \(b)"
        default: value.typeName
        }
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
