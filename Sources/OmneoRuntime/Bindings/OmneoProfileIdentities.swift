// Identities in recipes: `omneo.profiles.resolve(values, {by = "identity:shopify"})` turns external ids into
// profile ids (IdentityResolver: one outcome each, never guessed).
import LuaHost
import OmneoModel
import OmneoSession

enum IdentityResolution {
    /// The identity handle of `{by = "identity:HANDLE"}`; nil for `by = "email"` or none. Anything else is a
    /// misuse raised at the recipe's line.
    static func handle(_ options: LuaValue, argument: Int, of call: LuaCall) throws -> String? {
        let value = options["by"]
        if value.isNil { return nil }
        let wanted = "by must be \"email\" or \"identity:HANDLE\" (e.g. \"identity:shopify\")"
        guard let text = value.stringValue else { throw call.argumentError(argument, "\(wanted), got \(OmneoProfiles.shown(value))") }
        if text == "email" { return nil }
        guard text.hasPrefix("identity:") else { throw call.argumentError(argument, "\(wanted), got \"\(text)\"") }
        let handle = String(text.dropFirst("identity:".count))
        if let problem = IdentityResolver.handleProblem(handle) {
            throw call.argumentError(argument, "\(wanted): \(problem) in \"\(text)\"")
        }
        return handle
    }

    /// The values as identifiers: strings, or whole numbers (a shop's customer id read as a number).
    static func resolve(_ call: LuaCall, handle: String, plan: ResolvePlan?, tenant: TenantServices, context: RecipeContext) throws -> LuaResult {
        guard let list = try call.table(1).arrayElements else { throw call.argumentError(1, "list of identifiers expected") }
        var values: [String] = []
        for (index, value) in list.enumerated() {
            guard let text = value.stringValue ?? value.integerValue.map(String.init) else {
                throw call.argumentError(1, "identifier #\(index + 1) must be a string or a whole number, got \(OmneoProfiles.shown(value))")
            }
            values.append(text)
        }
        let resolver = IdentityResolver(session: tenant.session, emails: tenant.resolver, handle: handle)
        let identifiers = values
        return context.parkAnswer(call) { [Self.luaValue(try await resolver.resolve(identifiers, plan: plan))] }
    }

    /// As an email resolution reads, with `identifier` where it says `email` (`by_identifier`, rows'
    /// `identifier`, `ambiguous[i].identifier`, `invalid[i].identifier`).
    static func luaValue(_ resolution: EmailResolution) -> LuaValue {
        var byIdentifier: [String: LuaValue] = [:], statuses: [String: LuaValue] = [:]
        for (identifier, id) in resolution.byEmail { byIdentifier[identifier] = .string(id) }
        for (id, handles) in resolution.statuses { statuses[id] = .array(handles.map { .string($0) }) }
        let rows: [LuaValue] = resolution.rows.map { row in
            var entry: [String: LuaValue] = ["input": .string(row.input), "identifier": .string(row.email), "outcome": .string(row.outcome.rawValue)]
            if let id = row.id { entry["id"] = .string(id) }
            if let reason = row.reason { entry["reason"] = .string(reason) }
            if let first = row.duplicateOf { entry["duplicate_of"] = .integer(Int64(first)) }
            return .object(entry)
        }
        return .object([
            "ids": .array(resolution.ids.map { .string($0) }), "by_identifier": .object(byIdentifier), "statuses": .object(statuses),
            "missing": .array(resolution.missing.map { .string($0) }),
            "ambiguous": .array(resolution.ambiguous.map {
                .object(["identifier": .string($0.email), "ids": .array($0.ids.map { .string($0) }), "count": .integer(Int64($0.count))])
            }),
            "invalid": .array(resolution.invalid.map { .object(["identifier": .string($0.email), "reason": .string($0.reason)]) }),
            "rows": .array(rows), "from_cache": .integer(Int64(resolution.fromCache)),
        ])
    }
}

/// `omneo.profile_identities.add(id, {handle=, identifier=})` / `.remove(id, handle)`: one identity of one
/// profile through the per-identity endpoints (IdentityWriter), journaled with what it was before.
enum OmneoProfileIdentities: OmneoModule {
    static let names = ["omneo.profile_identities", "omneo.profile_identities.add", "omneo.profile_identities.remove"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.profile_identities.add": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try OmneoProfileWrites.id(call)
                    let identity = try call.table(2)
                    let handle = try Self.handle(identity["handle"], call: call, argument: 2, field: "handle")
                    let value = identity["identifier"]
                    guard let identifier = (value.stringValue ?? value.integerValue.map(String.init))?.trimmingSpaces, !identifier.isEmpty else {
                        throw call.argumentError(2, "identifier must be a non-empty string or a whole number, got \(OmneoProfiles.shown(value))")
                    }
                    let writer = IdentityWriter(session: tenant.session)
                    return context.parkAnswer(call) { [.string(try await writer.set(id, handle: handle, to: identifier).rawValue)] }
                }
            },
            "omneo.profile_identities.remove": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try OmneoProfileWrites.id(call)
                    let handle = try Self.handle(call.isNil(2) ? .nil : .string(call.string(2)), call: call, argument: 2, field: "handle")
                    let writer = IdentityWriter(session: tenant.session)
                    return context.parkAnswer(call) { [.string(try await writer.set(id, handle: handle, to: nil).rawValue)] }
                }
            },
        ]
    }

    static func handle(_ value: LuaValue, call: LuaCall, argument: Int, field: String) throws -> String {
        guard let handle = value.stringValue else {
            throw call.argumentError(argument, "\(field) must be an identity handle such as \"shopify\", got \(OmneoProfiles.shown(value))")
        }
        if let problem = IdentityResolver.handleProblem(handle) { throw call.argumentError(argument, "\(problem): \"\(handle)\"") }
        return handle
    }

    static let glue = EmbeddedLua.omneoProfileIdentities
}
