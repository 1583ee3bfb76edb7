// Fields to create or change a profile with. A `statuses` (or `tags`) list REPLACES the whole set on the
public import OmneoModel
// tenant, so ordinary fields refuse them: a PUT or a profiles batch never wipes statuses by accident.
public struct ProfileFields: Sendable, Hashable {
    static let replacingKeys: Set<String> = ["statuses", "tags"]
    /// The server owns these; sending them is at best ignored.
    static let serverKeys: Set<String> = ["id", "created_at", "updated_at", "statuses_original"]

    public let values: [String: JSONValue]
    /// True only when built with `replacingStatusesAndTags:`.
    public let replacesStatusesOrTags: Bool

    /// Ordinary fields (first_name, email, custom_attributes, ...); throws on `statuses` or `tags`.
    public init(_ values: [String: JSONValue]) throws(OmneoClientError) {
        if let key = values.keys.filter(Self.replacingKeys.contains).sorted().first {
            throw OmneoClientError.misuse(
                "profile fields cannot include '\(key)': it would replace the profile's whole set; "
                    + "use attachStatuses/detachStatuses for statuses"
            )
        }
        try self.init(checked: values, replacing: false)
    }

    /// Fields that deliberately replace the profile's statuses and/or tags (an import that owns them).
    public init(replacingStatusesAndTags values: [String: JSONValue]) throws(OmneoClientError) {
        try self.init(checked: values, replacing: true)
    }

    private init(checked values: [String: JSONValue], replacing: Bool) throws(OmneoClientError) {
        if let key = values.keys.filter(Self.serverKeys.contains).sorted().first {
            throw OmneoClientError.misuse("profile fields cannot include '\(key)': the tenant sets it")
        }
        self.values = values
        replacesStatusesOrTags = replacing && values.keys.contains(where: Self.replacingKeys.contains)
    }

    public subscript(field: String) -> JSONValue? { values[field] }

    var json: JSONValue { .object(values) }
}
