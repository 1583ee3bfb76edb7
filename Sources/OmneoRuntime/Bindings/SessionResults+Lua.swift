// The session's answers as the recipe sees them: the one place Swift results become Lua tables.
package import LuaHost
import OmneoModel
import OmneoSession

extension StatusJob {
    package var luaValue: LuaValue {
        .object([
            "id": .integer(Int64(id)),
            "batch_ids": .array(batches.map { .string($0.batchID) }),
            "entries": .array(entries.map { entry in
                .object(["profile_id": .string(entry.profileID), "statuses": .array(entry.statuses.map { .string($0) })])
            }),
        ])
    }
}

extension StatusJobResult {
    package var luaValue: LuaValue {
        var fields: [String: LuaValue] = [
            "done": .boolean(done), "succeeded": .integer(Int64(succeeded)), "failed": .integer(Int64(failures.count)),
            "failures": .array(failures.map { .object(["profile_id": .string($0.profileID), "error": .string($0.error)]) }),
        ]
        if let plan {
            fields["dry_run"] = true
            fields[plan.attach ? "would_add" : "would_remove"] = Self.lists(plan.changes)
            fields[plan.attach ? "already_present" : "not_present"] = Self.lists(plan.noOps)
        } else {
            fields["pending"] = .array(pending.map { .string($0) })
        }
        return .object(fields)
    }

    private static func lists(_ handles: [String: [String]]) -> LuaValue {
        .object(handles.mapValues { .array($0.map { .string($0) }) })
    }
}

extension ProfileJob {
    package var luaValue: LuaValue {
        .object([
            "id": .integer(Int64(id)),
            "batch_ids": .array(batches.map { .string($0.batchID) }),
            "invalid": .array(invalid.keys.sorted().map { UpsertResult.failure($0, invalid[$0]!) }),
        ])
    }
}

extension UpsertResult {
    package static func failure(_ row: Int, _ error: String) -> LuaValue {
        .object(["index": .integer(Int64(row)), "error": .string(error)])
    }

    package var luaValue: LuaValue {
        let rows: [LuaValue] = rows.map { row in
            var entry: [String: LuaValue] = ["index": .integer(Int64(row.index)), "outcome": .string(row.outcome.rawValue)]
            if let id = row.id { entry["id"] = .string(id) }
            if let error = row.error { entry["error"] = .string(error) }
            return .object(entry)
        }
        let failures = failures.map { Self.failure($0.index, $0.error ?? $0.outcome.rawValue) }
        var fields: [String: LuaValue] = [
            "done": .boolean(pending.isEmpty), "failed": .integer(Int64(failures.count)), "failures": .array(failures),
            "succeeded": .integer(Int64(self.rows.count - failures.count)), "created": .array(created.map { .string($0) }),
            "updated": .array(updated.map { .string($0) }), "rows": .array(rows), "pending": .array(pending.map { .string($0) }),
        ]
        if dryRun {
            fields["dry_run"] = true
            fields["would_create"] = .integer(Int64(self.rows.count(where: { $0.outcome == .wouldCreate })))
            fields["would_update"] = .integer(Int64(self.rows.count(where: { $0.outcome == .wouldUpdate })))
        }
        return .object(fields)
    }
}

extension ProfileWriteResult {
    package var luaValue: LuaValue {
        switch self {
        case .written(let profile): profile.luaValue
        case .planned(let fields): OmneoProfile.luaValue(fields).setting("dry_run", true)
        }
    }
}

extension EmailResolution {
    package var luaValue: LuaValue {
        var byEmail: [String: LuaValue] = [:], statuses: [String: LuaValue] = [:]
        for (email, id) in self.byEmail { byEmail[email] = .string(id) }
        for (id, handles) in self.statuses { statuses[id] = .array(handles.map { .string($0) }) }
        return .object([
            "ids": .array(ids.map { .string($0) }), "by_email": .object(byEmail), "statuses": .object(statuses),
            "missing": .array(missing.map { .string($0) }),
            "ambiguous": .array(ambiguous.map { .object(["email": .string($0.email), "ids": .array($0.ids.map { .string($0) }), "count": .integer(Int64($0.count))]) }),
            "invalid": .array(invalid.map { .object(["email": .string($0.email), "reason": .string($0.reason)]) }),
            "rows": .array(rows.map(\.luaValue)), "from_cache": .integer(Int64(fromCache)),
        ])
    }
}

extension EmailResolution.Row {
    package var luaValue: LuaValue {
        var row: [String: LuaValue] = ["input": .string(input), "email": .string(email), "outcome": .string(outcome.rawValue)]
        if let id { row["id"] = .string(id) }
        if let reason { row["reason"] = .string(reason) }
        if let duplicateOf { row["duplicate_of"] = .integer(Int64(duplicateOf)) }
        return .object(row)
    }
}
