// Profile writes: create, update, delete and purge one profile; upsert many through the profiles batch.
// Fields are checked against the tenant's rules first; a dry run reads what it needs and sends nothing.
import LuaHost
import OmneoClient

extension TenantSession {
    func create(_ fields: ProfileFields) async throws -> LuaValue {
        try Self.check(fields.values)
        if dryRun {
            plan.profiles.wouldCreate += 1
            return Self.planned(fields.values)
        }
        let profile = try await mappingRefusal { try await self.call { try await $0.createProfile(fields) } }
        try remember([profile])
        return profile.luaValue
    }

    /// A PUT of the fields; with `statuses` (allowed only by replace_statuses) the set is converged through
    /// the additive status batches instead, since a PUT must never carry statuses.
    func update(_ id: String, _ fields: ProfileFields) async throws -> LuaValue {
        try Self.check(fields.values)
        var plain = fields.values
        let statuses = plain.removeValue(forKey: "statuses")?.arrayValue?.compactMap(\.stringValue)
        if dryRun {
            guard let profile = try await call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
            plan.profiles.wouldUpdate += 1
            if let statuses { _ = try await converge(id, to: statuses) }
            var merged = profile.luaValue
            for (key, value) in plain { merged = merged.setting(key, value.luaValue) }
            return merged.setting("dry_run", true)
        }
        let put = try ProfileFields(replacingStatusesAndTags: plain)
        var profile: OmneoProfile
        if plain.isEmpty, statuses != nil {
            // Only statuses: no PUT at all, the status batches do the whole change.
            guard let held = try await call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
            profile = held
        } else {
            profile = try await mappingRefusal { try await self.call { try await $0.updateProfile(id: id, put) } }
        }
        if let statuses {
            let job = try await converge(id, to: statuses)
            _ = try await wait(job: Int(job["id"].integerValue ?? 0), timeout: 300)
            profile = try await call({ try await $0.profile(id: id) }) ?? profile
        }
        try remember([profile])
        return profile.luaValue
    }

    func delete(_ id: String, purge: Bool) async throws -> LuaValue {
        if dryRun {
            guard try await call({ try await $0.profile(id: id) }) != nil else { throw ExpectedFailure("not_found") }
            if purge { plan.profiles.wouldPurge.append(id) } else { plan.profiles.wouldDelete.append(id) }
            return true
        }
        do {
            try await call { client in
                if purge { try await client.purgeProfile(id: id) } else { try await client.deleteProfile(id: id) }
            }
        } catch let error as OmneoClientError where error.code == "not_found" {
            throw ExpectedFailure("not_found")
        }
        knownStatuses[id] = nil
        return true
    }

    /// Field errors the tenant would answer with, as `nil, "email: The email must be ..."`.
    static func check(_ fields: [String: OmneoValue]) throws {
        let problems = ProfileFieldRules.problems(of: fields)
        if !problems.isEmpty { throw ExpectedFailure(problems.joined(separator: "; ")) }
    }

    /// A 422 becomes the same `key: message` lines the checks above give.
    func mappingRefusal<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OmneoClientError where error.code == "invalid" && !error.fieldErrors.isEmpty {
            throw ExpectedFailure(Self.fieldLines(error.fieldErrors).joined(separator: "; "))
        }
    }

    static func fieldLines(_ errors: [(field: String, messages: [String])], renumber: (String) -> String = { $0 }) -> [String] {
        errors.map { error in
            let key = renumber(error.field)
            return "\(key): " + error.messages.map { $0.replacingOccurrences(of: error.field, with: key) }.joined(separator: " ")
        }
    }

    /// What a dry-run create or update hands back: the fields, marked as never sent.
    static func planned(_ fields: [String: OmneoValue]) -> LuaValue {
        OmneoValue.object(fields).luaValue.setting("dry_run", true)
    }
}
