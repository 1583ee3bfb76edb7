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
                    let fields = try Self.fields(call, 1, name: "fields", replacing: true)
                    return context.parkAnswer(call) { [try await tenant.profiles.create(fields).luaValue] }
                }
            },
            "omneo.profiles.update": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try Self.id(call)
                    let fields = try Self.fields(call, 2, name: "fields", replacing: Self.replacesStatuses(call, 3))
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

    static func replacesStatuses(_ call: LuaCall, _ index: Int) throws -> Bool {
        call.isNil(index) ? false : try call.table(index)["replace_statuses"].isTruthy
    }

    /// The table at `index` as profile fields; `statuses`/`tags` only when `replacing`.
    static func fields(_ call: LuaCall, _ index: Int, name: String, replacing: Bool) throws -> ProfileFields {
        guard case .object(let values) = try call.table(index).jsonValue(at: name, charging: call.memoryCharge) else {
            throw call.argumentError(index, "a table of profile fields expected (first_name = ..., email = ...)")
        }
        return try Self.fields(values, replacing: replacing, function: call.functionName, row: nil)
    }

    static func fields(_ lua: [String: JSONValue], replacing: Bool, function: String, row: Int?) throws -> ProfileFields {
        let values = ProfileFieldRules.emptyListsAsArrays(lua)
        let place = row.map { " (profile \($0))" } ?? ""
        if !replacing, let key = ["statuses", "tags"].first(where: { values[$0] != nil }) {
            throw LuaCallError(
                "\(function): '\(key)'\(place) would replace the profile's whole set of \(key); add or remove statuses with "
                    + "omneo.profile_statuses.add/remove/set, or pass {replace_statuses=true} to replace the set on purpose")
        }
        do {
            return replacing ? try ProfileFields(replacingStatusesAndTags: values) : try ProfileFields(values)
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
        let replacing = options["replace_statuses"].isTruthy
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
