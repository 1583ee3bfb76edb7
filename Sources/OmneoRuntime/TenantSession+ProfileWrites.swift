// Profile writes: create, update, delete and purge one profile; upsert many through the profiles batch.
// Fields are checked against the tenant's rules first; a dry run reads what it needs and sends nothing.
import LuaHost
import OmneoClient
import OmneoJournal

extension TenantSession {
    func create(_ fields: ProfileFields) async throws -> LuaValue {
        try Self.check(fields.values)
        if dryRun {
            plan.profiles.wouldCreate += 1
            return Self.planned(fields.values)
        }
        let payload = Self.payload([.object(fields.values)])
        if let earlier = try await earlierCreate(fields, payload: payload) {
            try remember([earlier])
            return earlier.luaValue
        }
        let write = try intent("create", ids: [], payload: payload)
        let profile = try await journaled(write) { try await self.mappingRefusal { try await self.call { try await $0.createProfile(fields) } } }
        try answered(write, ids: [profile.id], status: 201)
        try remember([profile])
        return profile.luaValue
    }

    /// Resume: the profile an earlier attempt created with these very fields, read back instead of created
    /// twice; when that attempt died before the answer, the profile its email now names (if exactly one).
    private func earlierCreate(_ fields: ProfileFields, payload: String) async throws -> OmneoProfile? {
        guard let earlier = earlierWrite("create", ids: nil, payload: payload, unanswered: true) else { return nil }
        if earlier.state == .finished, let id = earlier.profileIDs.first {
            return try await call { try await $0.profile(id: id) }
        }
        guard let email = fields["email"]?.stringValue else { return nil }
        let page = try await call { try await $0.profilePage(filters: ["email": email.trimmingSpaces.lowercased()], page: 1, size: 2) }
        guard page.profiles.count == 1 else { return nil }
        try answered(earlier.id, ids: [page.profiles[0].id], status: 201)
        return page.profiles[0]
    }

    /// Runs a single profile call; a refusal is journaled (nothing applied) before it is rethrown.
    func journaled<T: Sendable>(_ write: Int64?, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OmneoClientError {
            try refused(write, error)
            throw error
        } catch let error as ExpectedFailure {
            try refused(write, error.message, status: 422)
            throw error
        }
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
            let write = try intent("update", ids: [id], payload: Self.payload([.object(plain)]))
            profile = try await journaled(write) { try await self.mappingRefusal { try await self.call { try await $0.updateProfile(id: id, put) } } }
            try answered(write, ids: [id], status: 200)
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
        let operation = purge ? "purge" : "delete"
        if earlierWrite(operation, ids: [id]) != nil { return true }
        let unanswered = earlierWrite(operation, ids: [id], unanswered: true)
        let write = try intent(operation, ids: [id])
        do {
            try await journaled(write) {
                try await self.call { client in
                    if purge { try await client.purgeProfile(id: id) } else { try await client.deleteProfile(id: id) }
                }
            }
            try answered(write, ids: [id], status: purge ? 202 : 204)
        } catch let error as OmneoClientError where error.code == "not_found" {
            // An earlier attempt sent this and died before the answer: the 404 is its doing.
            if unanswered != nil { return true }
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
