// A profile: the fields the tool relies on typed, everything else kept in `raw` as the tenant sent it.
public struct OmneoProfile: Sendable, Hashable {
    public var id: String
    public var email: String?
    /// Status handles. The vendor may also send full definitions; both shapes read as handles (lenient).
    public var statuses: [String]
    public var raw: [String: JSONValue]

    /// Nil when the object has no id: such a profile could not be written to anyway.
    public init?(_ value: JSONValue) {
        guard let object = value.objectValue, let id = object["id"]?.lenientString, !id.isEmpty else { return nil }
        self.id = id
        email = object["email"]?.stringValue
        statuses = Self.handles(object["statuses"]) ?? Self.handles(object["statuses_original"]) ?? []
        raw = object
    }

    public subscript(field: String) -> JSONValue? { raw[field] }

    /// `custom_attributes` in whichever shape the tenant sent it (lenient), read as one.
    public var customAttributes: CustomAttributes { CustomAttributes(raw["custom_attributes"]) }

    /// The profile as the API sent it, with `id` and `statuses` always present (as read leniently).
    public var fields: [String: JSONValue] {
        var fields = raw
        fields["id"] = .string(id)
        fields["statuses"] = .array(statuses.map { .string($0) })
        return fields
    }

    private static func handles(_ value: JSONValue?) -> [String]? {
        guard let list = value?.arrayValue else { return nil }
        return list.compactMap { $0.stringValue ?? $0["handle"]?.lenientString }
    }
}
