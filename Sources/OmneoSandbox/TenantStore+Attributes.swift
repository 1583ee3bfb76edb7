// One custom attribute through its own endpoint (the vendor SDK's ProfileAttributesCustom):
// `GET/PUT/DELETE /v3/profiles/{id}/attributes/custom/{namespace}:{handle}`. The attribute lives in the
// profile's `custom_attributes`, so the profile read shows the change (in the tenant's shape) and a profile
// PUT with a list still replaces them all.
import OmneoModel
import Foundation

extension TenantStore {
    /// The types of the SDK's CustomAttributeInput.
    static let attributeTypes = ["string", "integer", "float", "boolean", "json", "array"]

    /// What the profile holds as rows `{namespace, handle, type, value}`, whichever shape it was seeded in.
    private func attributeRows(_ profile: StoredProfile) -> [[String: JSONValue]] {
        guard let held = profile.fields["custom_attributes"] else { return [] }
        return (AttributeShape.array.render(held).arrayValue ?? []).compactMap(\.objectValue)
    }

    private static func matches(_ row: [String: JSONValue], _ namespace: String, _ handle: String) -> Bool {
        row["namespace"]?.stringValue == namespace && row["handle"]?.stringValue == handle
    }

    private func attributeJSON(_ row: [String: JSONValue], of profile: StoredProfile) -> JSONValue {
        var object = row
        object["profile_id"] = .string(profile.id)
        object["updated_at"] = .string(Timestamp.string(profile.updated))
        return .object(object)
    }

    /// `namespace:handle` from the path, split at the first colon; a key without one names no attribute.
    static func attributeKey(_ key: String) throws(SandboxAPIError) -> (namespace: String, handle: String) {
        let decoded = key.removingPercentEncoding ?? key
        guard let colon = decoded.firstIndex(of: ":"), colon != decoded.startIndex, decoded.index(after: colon) != decoded.endIndex else {
            throw .notFound("Custom attribute")
        }
        return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
    }

    func attribute(profileID: String, key: String) throws(SandboxAPIError) -> JSONValue {
        let (namespace, handle) = try Self.attributeKey(key)
        guard let profile = live(profileID) else { throw .notFound("Profile") }
        guard let row = attributeRows(profile).first(where: { Self.matches($0, namespace, handle) }) else {
            throw .notFound("Custom attribute")
        }
        return attributeJSON(row, of: profile)
    }

    /// PUT creates the attribute or changes it. `type` is required for a new one and kept when an existing
    /// one is sent without it; `value` is always required and kept as sent.
    func setAttribute(profileID: String, key: String, _ body: JSONValue?) throws(SandboxAPIError) -> JSONValue {
        let (namespace, handle) = try Self.attributeKey(key)
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        let fields = body?.objectValue ?? [:]
        var rows = attributeRows(profile)
        let index = rows.firstIndex(where: { Self.matches($0, namespace, handle) })
        var errors: [String: [String]] = [:]
        if fields["value"] == nil { errors["value"] = ["The value field is required."] }
        if let type = fields["type"] {
            if !(type.stringValue.map(Self.attributeTypes.contains) ?? false) {
                errors["type"] = ["The selected type is invalid."]
            }
        } else if index == nil {
            errors["type"] = ["The type field is required."]
        }
        if !errors.isEmpty { throw .invalid(errors) }
        var row: [String: JSONValue] = index.map { rows[$0] } ?? ["namespace": .string(namespace), "handle": .string(handle)]
        row["type"] = fields["type"] ?? row["type"]
        row["value"] = fields["value"]
        if let index { rows[index] = row } else { rows.append(row) }
        profile.fields["custom_attributes"] = .array(rows.map(JSONValue.object))
        profile.updated = Date()
        profiles[profile.id] = profile
        return attributeJSON(row, of: profile)
    }

    func deleteAttribute(profileID: String, key: String) throws(SandboxAPIError) {
        let (namespace, handle) = try Self.attributeKey(key)
        guard var profile = live(profileID) else { throw .notFound("Profile") }
        var rows = attributeRows(profile)
        guard let index = rows.firstIndex(where: { Self.matches($0, namespace, handle) }) else { throw .notFound("Custom attribute") }
        rows.remove(at: index)
        profile.fields["custom_attributes"] = .array(rows.map(JSONValue.object))
        profile.updated = Date()
        profiles[profile.id] = profile
    }
}
