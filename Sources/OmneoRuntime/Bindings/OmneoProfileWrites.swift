// omneo.profiles writes: create, update, upsert (the profiles batch), delete and purge.
// `statuses` and `tags` replace a profile's whole set, so update and upsert refuse them unless asked.
import OmneoModel
import LuaHost
import OmneoClient

enum OmneoProfileWrites: OmneoModule {
    static let names = [
        "omneo.profiles.create", "omneo.profiles.update", "omneo.profiles.upsert", "omneo.profiles.delete", "omneo.profiles.purge",
    ]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.profiles.create": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    // A new profile has no list to lose: a create may carry any of them.
                    let fields = try Self.fields(call, 1, name: "fields", replacing: Set(Self.replacedLists.map(\.field)))
                    return context.parkAnswer(call) { [try await tenant.profiles.create(fields).luaValue] }
                }
            },
            "omneo.profiles.update": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try Self.id(call)
                    let fields = try Self.fields(call, 2, name: "fields", replacing: Self.replaced(call.isNil(3) ? .nil : try call.table(3)))
                    return context.parkAnswer(call) { [try await tenant.profiles.update(id, fields).luaValue] }
                }
            },
            "omneo.profiles.upsert": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let (rows, match, chunk) = try Self.upsertArguments(call)
                    return context.parkAnswer(call) { [try await tenant.profiles.upsert(rows, match: match, chunk: chunk).luaValue] }
                }
            },
            "omneo.profiles.delete": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try Self.id(call)
                    return context.parkAnswer(call) { try await tenant.profiles.delete(id, purge: false); return [true] }
                }
            },
            "omneo.profiles.purge": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try Self.id(call)
                    guard context.options.allowPurge else {
                        throw LuaCallError("omneo.profiles.purge erases a profile for good: run with --allow-purge to allow it (nothing was sent)")
                    }
                    return context.parkAnswer(call) { try await tenant.profiles.delete(id, purge: true); return [true] }
                }
            },
            "omneo.profiles.wait": { call in
                let tenant = try context.requireTenant(call)
                let job = Int(try call.integer(1))
                let timeout = call.isNil(2) ? 300 : try call.number(2)
                return context.parkAnswer(call) { [try await tenant.profiles.wait(job: job, timeout: timeout).luaValue] }
            },
        ]
    }

    static func id(_ call: LuaCall) throws -> String {
        let id = try call.string(1)
        guard !id.trimmingSpaces.isEmpty else { throw call.argumentError(1, "profile id expected, got an empty string") }
        return id
    }

    /// The lists a tenant replaces whole when a write carries them, each allowed only by its own option:
    /// statuses (omneo-api.md: a PUT or an import with `statuses` replaces the set), tags (omneo-api.md
    /// "Tags": a PUT with `tags` replaces the list), identities (issue 19: an import carrying `identities`
    /// replaced a customer's Shopify identity) and custom_attributes (issue 19: an update carrying them
    /// wiped `lifetime_spend`).
    static let replacedLists: [(field: String, option: String, instead: String)] = [
        ("statuses", "replace_statuses", "add or remove statuses with omneo.profile_statuses.add/remove/set"),
        ("tags", "replace_tags", "add or remove tags with omneo.profile_tags.add/remove"),
        ("identities", "replace_identities", "add or remove one identity with omneo.profile_identities.add/remove"),
        ("custom_attributes", "replace_custom_attributes", "set or remove one attribute with omneo.profile_attributes.set/remove"),
    ]

    /// The lists `options` allows a write to replace.
    static func replaced(_ options: LuaValue) -> Set<String> {
        Set(replacedLists.filter { options[$0.option].isTruthy }.map(\.field))
    }

    /// The table at `index` as profile fields; a list the tenant replaces only when `replacing` names it.
    static func fields(_ call: LuaCall, _ index: Int, name: String, replacing: Set<String>) throws -> ProfileFields {
        guard case .object(let values) = try call.table(index).jsonValue(at: name, charging: call.memoryCharge) else {
            throw call.argumentError(index, "a table of profile fields expected (first_name = ..., email = ...)")
        }
        return try Self.fields(values, replacing: replacing, function: call.functionName, row: nil)
    }

    static func fields(_ lua: [String: JSONValue], replacing: Set<String>, function: String, row: Int?) throws -> ProfileFields {
        let values = ProfileFieldRules.emptyListsAsArrays(lua)
        let place = row.map { " (profile \($0))" } ?? ""
        if let list = replacedLists.first(where: { values[$0.field] != nil && !replacing.contains($0.field) }) {
            let what = list.field == "statuses" ? "set of statuses" : "list of \(list.field.replacingOccurrences(of: "_", with: " "))"
            throw LuaCallError(
                "\(function): '\(list.field)'\(place) would replace the profile's whole \(what); \(list.instead), "
                    + "or pass {\(list.option)=true} to replace \(list.field == "statuses" ? "the set" : "it") on purpose")
        }
        do {
            let statusesOrTags = values["statuses"] != nil || values["tags"] != nil
            return statusesOrTags ? try ProfileFields(replacingStatusesAndTags: values) : try ProfileFields(values)
        } catch {
            throw LuaCallError("\(function): \(error.description)\(place)")
        }
    }

    /// `(profiles, {match = "email" | "<identity handle>", chunk = 500, replace_statuses = false})`.
    static func upsertArguments(_ call: LuaCall) throws -> ([ProfileFields], String, Int) {
        guard let list = try call.table(1).arrayElements, !list.isEmpty else {
            throw call.argumentError(1, "a non-empty list of profiles expected")
        }
        let options = try call.table(2)
        guard let match = options["match"].stringValue, !match.isEmpty else {
            throw call.argumentError(2, "match = \"email\" or an identity handle expected")
        }
        let replacing = Self.replaced(options)
        let chunk = options["chunk"].integerValue.map(Int.init) ?? 500
        var rows: [ProfileFields] = []
        for (offset, value) in list.enumerated() {
            guard case .object(let fields) = try value.jsonValue(at: "profiles[\(offset + 1)]", charging: call.memoryCharge) else {
                throw call.argumentError(1, "profile \(offset + 1) is not a table of fields")
            }
            rows.append(try Self.fields(fields, replacing: replacing, function: call.functionName, row: offset + 1))
        }
        return (rows, match, chunk)
    }

    static let glue = EmbeddedLua.omneoProfileWrites
}
