// A profile's identities through their own endpoints (the vendor SDK's ProfileIdentities and Identities
// resources): POST adds one, PUT/DELETE address one by handle, GET /v3/identities lists them across the
// tenant. Identities live in the profile's `identities` list, so a profile PUT that sends a list still
// replaces them all, and these endpoints and the profile read always agree.
import OmneoModel
import Foundation

/// What POST /v3/profiles/{id}/identities does with a handle the profile already holds. The vendor is
/// silent; the harsh default adds a second identity with that handle (a client that POSTs without
/// reading first then leaves a profile with two Shopify ids).
public enum RepeatedIdentity: String, Sendable, CaseIterable {
    case added
    case refused
}

extension TenantStore {
    /// The vendor's identity fields (`Identity` in the SDK's types); one held without them (seeded, or sent in a
    /// profile PUT) is given an id and timestamps the first time an identity endpoint touches the profile.
    private func identities(of profile: inout StoredProfile) -> [[String: JSONValue]] {
        var list = (profile.fields["identities"]?.arrayValue ?? []).compactMap(\.objectValue)
        var changed = false
        for index in list.indices where list[index]["id"]?.intValue == nil {
            nextIdentityID += 1
            list[index]["id"] = .integer(Int64(nextIdentityID))
            list[index]["is_active"] = list[index]["is_active"] ?? .bool(true)
            list[index]["is_primary"] = list[index]["is_primary"] ?? .bool(false)
            list[index]["merged_from"] = list[index]["merged_from"] ?? .null
            let stamp = JSONValue.string(Timestamp.string(profile.created))
            list[index]["created_at"] = list[index]["created_at"] ?? stamp
            list[index]["updated_at"] = list[index]["updated_at"] ?? stamp
            changed = true
        }
        if changed {
            profile.fields["identities"] = .array(list.map(JSONValue.object))
            profiles[profile.id] = profile
        }
        return list
    }

    private func identityJSON(_ identity: [String: JSONValue], of profile: StoredProfile) -> JSONValue {
        var object = identity
        object["profile_id"] = .string(profile.id)
        return .object(object)
    }

    private func store(_ list: [[String: JSONValue]], in profile: inout StoredProfile) {
        profile.fields["identities"] = .array(list.map(JSONValue.object))
        profile.updated = Date()
        profiles[profile.id] = profile
    }

    /// `{handle, identifier}` as the SDK's IdentityInput has them: strings, neither empty; both required to add
    /// one, either optional in a PUT (the SDK sends a partial IdentityInput), whose handle is the path's.
    private static func identityErrors(_ fields: [String: JSONValue], needsHandle: Bool) -> [String: [String]] {
        var errors: [String: [String]] = [:]
        for field in ["handle", "identifier"] {
            guard let value = fields[field] else {
                if needsHandle { errors[field] = ["The \(field) field is required."] }
                continue
            }
            guard let text = value.stringValue, !text.trimmingSpaces.isEmpty else {
                errors[field] = ["The \(field) must be a string."]
                continue
            }
        }
        for flag in ["is_active", "is_primary"] where fields[flag] != nil && fields[flag]?.boolValue == nil {
            errors[flag] = ["The \(flag) field must be true or false."]
        }
        return errors
    }

    func identity(profileID: String, handle: String) throws(SandboxAPIError) -> JSONValue {
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        guard let identity = identities(of: &profile).first(where: { $0["handle"]?.stringValue == handle }) else {
            throw .notFound("Identity")
        }
        return identityJSON(identity, of: profile)
    }

    func addIdentity(profileID: String, _ body: JSONValue?) throws(SandboxAPIError) -> JSONValue {
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        guard let fields = body?.objectValue else { throw .invalid(["handle": ["The handle field is required."]]) }
        let errors = Self.identityErrors(fields, needsHandle: true)
        if !errors.isEmpty { throw .invalid(errors) }
        var list = identities(of: &profile)
        let handle = fields["handle"]!.stringValue!
        if configuration.repeatedIdentity == .refused, list.contains(where: { $0["handle"]?.stringValue == handle }) {
            throw .invalid(["handle": ["The profile already has an identity with this handle."]])
        }
        nextIdentityID += 1
        let now = JSONValue.string(Timestamp.string(Date()))
        let identity: [String: JSONValue] = [
            "id": .integer(Int64(nextIdentityID)), "handle": .string(handle), "identifier": fields["identifier"]!,
            "is_active": fields["is_active"] ?? .bool(true), "is_primary": fields["is_primary"] ?? .bool(false),
            "merged_from": .null, "created_at": now, "updated_at": now,
        ]
        list.append(identity)
        store(list, in: &profile)
        return identityJSON(identity, of: profile)
    }

    /// PUT by handle: changes the first identity with that handle; 404 when the profile has none (it does not
    /// create one: a client that means "add" POSTs).
    func updateIdentity(profileID: String, handle: String, _ body: JSONValue?) throws(SandboxAPIError) -> JSONValue {
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        var list = identities(of: &profile)
        guard let index = list.firstIndex(where: { $0["handle"]?.stringValue == handle }) else { throw .notFound("Identity") }
        guard let fields = body?.objectValue else { throw .invalid(["identifier": ["The identifier field is required."]]) }
        let errors = Self.identityErrors(fields, needsHandle: false)
        if !errors.isEmpty { throw .invalid(errors) }
        for field in ["identifier", "is_active", "is_primary"] where fields[field] != nil {
            list[index][field] = fields[field]
        }
        list[index]["updated_at"] = .string(Timestamp.string(Date()))
        store(list, in: &profile)
        return identityJSON(list[index], of: profile)
    }

    /// DELETE by handle: removes the first identity with that handle; 404 when there is none.
    func deleteIdentity(profileID: String, handle: String) throws(SandboxAPIError) {
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        var list = identities(of: &profile)
        guard let index = list.firstIndex(where: { $0["handle"]?.stringValue == handle }) else { throw .notFound("Identity") }
        list.remove(at: index)
        store(list, in: &profile)
    }

    /// `GET /v3/identities`: every live profile's identities in profile creation order; `filter[handle]` and
    /// `filter[identifier]` narrow (repeatable, comma-split as spatie does), `include=profile` embeds the profile.
    /// Any other filter is a 400, as the profile listing answers one.
    func identityList(_ pairs: [(key: String, value: String)], page: Page) throws(SandboxAPIError) -> (total: Int, slice: [JSONValue]) {
        let allowed = ["handle", "identifier", "profile_id"]
        var wanted: [String: [String]] = [:]
        var unknown: [String] = []
        for (key, value) in pairs where key.hasPrefix("filter[") {
            let name = ProfileQuery.filterName(key)
            guard allowed.contains(name) else {
                if !unknown.contains(name) { unknown.append(name) }
                continue
            }
            wanted[name, default: []] += value.split(separator: ",").map(String.init)
        }
        if !unknown.isEmpty {
            throw SandboxAPIError(
                status: 400,
                message: "Requested filter(s) `\(unknown.joined(separator: ", "))` are not allowed. Allowed filter(s) are `\(allowed.joined(separator: ", "))`."
            )
        }
        let include = pairs.last(where: { $0.key == "include" })?.value.split(separator: ",").contains("profile") == true
        var rows: [(StoredProfile, [String: JSONValue])] = []
        for id in order {
            guard var profile = live(id) else { continue }
            if let ids = wanted["profile_id"], !ids.contains(id) { continue }
            for identity in identities(of: &profile) {
                if let handles = wanted["handle"], !handles.contains(identity["handle"]?.stringValue ?? "") { continue }
                if let identifiers = wanted["identifier"], !identifiers.contains(identity["identifier"]?.stringValue ?? "") { continue }
                rows.append((profile, identity))
            }
        }
        let slice = page.slice(of: rows.count).map { index -> JSONValue in
            let (profile, identity) = rows[index]
            var object = identityJSON(identity, of: profile).objectValue ?? [:]
            if include { object["profile"] = profile.json(attributes: configuration.attributeShape) }
            return .object(object)
        }
        return (rows.count, slice)
    }
}
