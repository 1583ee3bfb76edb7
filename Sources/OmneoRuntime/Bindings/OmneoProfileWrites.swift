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
                    let session = try context.requireSession(call)
                    let fields = try Self.fields(call, 1, name: "fields", replacing: true)
                    return context.parkAnswer(call) { [try await session.profiles.create(fields).luaValue] }
                }
            },
            "omneo.profiles.update": { call in
                context.misuseAsValue(call) {
                    let session = try context.requireSession(call)
                    let id = try Self.id(call)
                    let fields = try Self.fields(call, 2, name: "fields", replacing: Self.replacesStatuses(call, 3))
                    return context.parkAnswer(call) { [try await session.profiles.update(id, fields).luaValue] }
                }
            },
            "omneo.profiles.upsert": { call in
                context.misuseAsValue(call) {
                    let session = try context.requireSession(call)
                    let (rows, match, chunk) = try Self.upsertArguments(call)
                    return context.parkAnswer(call) { [try await session.profiles.upsert(rows, match: match, chunk: chunk).luaValue] }
                }
            },
            "omneo.profiles.delete": { call in
                context.misuseAsValue(call) {
                    let session = try context.requireSession(call)
                    let id = try Self.id(call)
                    return context.parkAnswer(call) { try await session.profiles.delete(id, purge: false); return [true] }
                }
            },
            "omneo.profiles.purge": { call in
                context.misuseAsValue(call) {
                    let session = try context.requireSession(call)
                    let id = try Self.id(call)
                    guard context.options.allowPurge else {
                        throw LuaCallError("omneo.profiles.purge erases a profile for good: run with --allow-purge to allow it (nothing was sent)")
                    }
                    return context.parkAnswer(call) { try await session.profiles.delete(id, purge: true); return [true] }
                }
            },
            "omneo.profiles.wait": { call in
                let session = try context.requireSession(call)
                let job = Int(try call.integer(1))
                let timeout = call.isNil(2) ? 300 : try call.number(2)
                return context.parkAnswer(call) { [try await session.profiles.wait(job: job, timeout: timeout).luaValue] }
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
        guard case .object(let values) = try call.table(index).jsonValue(at: name) else {
            throw call.argumentError(index, "a table of profile fields expected (first_name = ..., email = ...)")
        }
        return try Self.fields(values, replacing: replacing, function: call.functionName, row: nil)
    }

    static func fields(_ values: [String: JSONValue], replacing: Bool, function: String, row: Int?) throws -> ProfileFields {
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
            guard case .object(let fields) = try value.jsonValue(at: "profiles[\(offset + 1)]") else {
                throw call.argumentError(1, "profile \(offset + 1) is not a table of fields")
            }
            rows.append(try Self.fields(fields, replacing: replacing, function: call.functionName, row: offset + 1))
        }
        return (rows, match, chunk)
    }

    static let glue = #"""
    local omneo, host = ...
    local profiles = omneo.profiles
    local create, update, upsert = host["omneo.profiles.create"], host["omneo.profiles.update"], host["omneo.profiles.upsert"]
    local delete, purge, wait = host["omneo.profiles.delete"], host["omneo.profiles.purge"], host["omneo.profiles.wait"]

    -- Level 3: past this function and the profiles.* wrapper, at the recipe's line.
    local function answer(result, err, kind)
      if kind == "misuse" then error(err, 3) end
      return result, err
    end

    --- Creates one profile (POST /v3/profiles); fields are checked against the tenant's rules first.
    --- Returns nil and "email: The email must be a valid email address." (or the tenant's 422, worded the same).
    --- Example: `local p, err = omneo.profiles.create{ email = "jane@example.com", first_name = "Jane" }`
    ---@param fields table
    ---@return table|nil profile, string? err
    function profiles.create(fields) local p, err = answer(create(fields)); return p, err end

    --- Changes only the fields given (PUT). `statuses` or `tags` raise: they would replace the whole set;
    --- `{replace_statuses = true}` allows them (statuses then converge through the status batches).
    --- Example: `local p, err = omneo.profiles.update(id, { birth_day = 15, birth_month = 9 })`
    ---@param id string
    ---@param fields table
    ---@param opts? {replace_statuses: boolean}
    ---@return table|nil profile, string? err  "not_found" | "field: message"
    function profiles.update(id, fields, opts) local p, err = answer(update(id, fields, opts)); return p, err end

    --- Creates or updates many profiles through the profiles batch, matched by email or an identity handle,
    --- in chunks (default 500). Invalid rows are kept back (job.invalid); the rest are sent.
    --- job.batch_ids, job.invalid; job:wait([timeout_s]) --> {done, succeeded, failed, failures = {{index, error}},
    --- created = {ids}, updated = {ids}, rows = {{index, outcome, id, error}}}
    --- Example: `local r = omneo.profiles.upsert(list, { match = "email" }):wait()`
    ---@param list table[]
    ---@param opts {match: string, chunk?: integer, replace_statuses?: boolean}
    ---@return table|nil job, string? err
    function profiles.upsert(list, opts)
      local job, err = answer(upsert(list, opts))
      if job then function job:wait(timeout) return wait(self.id, timeout) end end
      return job, err
    end

    --- Soft-deletes one profile. Returns true, or nil and "not_found".
    --- Example: `local ok, err = omneo.profiles.delete(id)`
    ---@param id string
    ---@return boolean|nil ok, string? err
    function profiles.delete(id) local ok, err = answer(delete(id)); return ok, err end

    --- Erases one profile for good (GDPR purge). Raises unless the run was started with --allow-purge.
    --- Example: `local ok, err = omneo.profiles.purge(id)`
    ---@param id string
    ---@return boolean|nil ok, string? err
    function profiles.purge(id) local ok, err = answer(purge(id)); return ok, err end
    """#
}
