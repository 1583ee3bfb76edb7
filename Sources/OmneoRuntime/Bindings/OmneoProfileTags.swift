// omneo.profile_tags: add and remove tags on profiles. The vendor has no additive tag endpoint, so each
// profile is read, merged and PUT with its full list, and the answer checked (TagWriter); omneo.tags.list:
// the tenant's tags.
import OmneoModel
import LuaHost
import OmneoSession

enum OmneoProfileTags: OmneoModule {
    static let names = ["omneo.profile_tags", "omneo.profile_tags.add", "omneo.profile_tags.remove", "omneo.tags", "omneo.tags.list"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        func writer(add: Bool) -> LuaFunction {
            { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let ids = try Self.ids(call)
                    let given = try Self.tags(call)
                    if !call.isNil(3) { try Self.checkOptions(call, 3) }
                    // Checked and said here, at the call; the writer normalises the same way and lists the warnings.
                    do {
                        for warning in try TagWriter.normalise(given).warnings { context.log(.warn, warning) }
                    } catch let misuse as WriteMisuse {
                        throw call.argumentError(2, misuse.message)
                    }
                    return context.parkAnswer(call) {
                        [try await tenant.tags.change(ids, tags: given, add: add).luaValue]
                    }
                }
            }
        }
        return [
            "omneo.profile_tags.add": writer(add: true),
            "omneo.profile_tags.remove": writer(add: false),
            "omneo.tags.list": { call in
                let tenant = try context.requireTenant(call)
                return context.parkAnswer(call) {
                    [.array(try await tenant.session.call { try await $0.tags() }.map { .string($0) })]
                }
            },
        ]
    }

    /// A profile id, or a list of them (strings, none empty).
    static func ids(_ call: LuaCall) throws -> [String] {
        if let single = try? call.string(1) {
            guard !single.trimmingCharacters(in: .whitespaces).isEmpty else { throw call.argumentError(1, "the profile id is empty") }
            return [single]
        }
        guard call.typeName(1) == "table", let list = try call.table(1).arrayElements else {
            throw call.argumentError(1, "a profile id or a list of them expected, got \(call.typeName(1))")
        }
        return try list.enumerated().map { index, value in
            guard let id = value.stringValue, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw call.argumentError(1, "profile id \(index + 1) is not a non-empty string")
            }
            return id
        }
    }

    /// A tag, or a non-empty list of them.
    static func tags(_ call: LuaCall) throws -> [String] {
        if let single = try? call.string(2) { return [single] }
        guard call.typeName(2) == "table", let list = try call.table(2).arrayElements, !list.isEmpty,
              case let tags = list.compactMap(\.stringValue), tags.count == list.count
        else { throw call.argumentError(2, "a tag or a list of tags expected, got \(call.typeName(2))") }
        return tags
    }

    /// The options table takes no keys yet: any key is a misuse (a typo must not pass unnoticed).
    static func checkOptions(_ call: LuaCall, _ index: Int) throws {
        guard call.typeName(index) == "table" else { throw call.argumentError(index, "options table expected, got \(call.typeName(index))") }
        if let key = try call.table(index).tableValue?.keys.first {
            throw call.argumentError(index, "unknown option '\(key.stringValue ?? key.typeName)' (none are taken yet)")
        }
    }

    static let glue = HostGlue.checked + EmbeddedLua.omneoProfileTags
}

extension TagChangeResult {
    var luaValue: LuaValue {
        var counts: [String: Int] = [:]
        let profiles: [LuaValue] = entries.map { entry in
            counts[entry.outcome.rawValue, default: 0] += 1
            var fields: [String: LuaValue] = [
                "profile_id": .string(entry.profileID), "outcome": .string(entry.outcome.rawValue),
                "tags": .array(entry.tags.map { .string($0) }), "added": .array(entry.added.map { .string($0) }),
                "removed": .array(entry.removed.map { .string($0) }), "tries": .integer(Int64(entry.tries)),
            ]
            if let error = entry.error { fields["error"] = .string(error) }
            if let detail = entry.detail { fields["detail"] = .string(detail) }
            return .object(fields)
        }
        let failed = entries.filter { $0.outcome == .failed || $0.outcome == .conflict }
        var byID: [String: LuaValue] = [:]
        for (entry, value) in zip(entries, profiles) { byID[entry.profileID] = value }
        var fields: [String: LuaValue] = [
            "tags": .array(tags.map { .string($0) }), "profiles": .array(profiles), "by_id": .object(byID),
            "counts": .object(counts.mapValues { .integer(Int64($0)) }),
            "succeeded": .integer(Int64(entries.count - failed.count)), "failed": .integer(Int64(failed.count)),
            "failures": .array(failed.map { .object(["profile_id": .string($0.profileID), "error": .string($0.error ?? $0.outcome.rawValue)]) }),
            "warnings": .array(warnings.map { .string($0) }), "done": true,
        ]
        if dryRun { fields["dry_run"] = true }
        return .object(fields)
    }
}
