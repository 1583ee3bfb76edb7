// A profile's tags and its `updated_at`, as the tag writes read them (omneo-api.md, "Profiles": tags are
// case-sensitive strings; the vendor SDK's Profile types `tags` as `Array<string>` and has `updated_at`).
extension OmneoProfile {
    /// The profile's tags in the tenant's order; nil when the answer carries no `tags` list at all (a
    /// writer then cannot tell what the tenant kept and reads the profile back). Objects with a `handle`
    /// read as that handle (lenient).
    public var tags: [String]? {
        guard let list = raw["tags"]?.arrayValue else { return nil }
        return list.compactMap { $0.stringValue ?? $0["handle"]?.lenientString }
    }

    /// `updated_at` as the tenant wrote it (compared as text: a change of any kind moves it).
    public var updatedAt: String? { raw["updated_at"]?.lenientString }
}

/// What the tenant makes of a tag (omneo-api.md, "Profiles"): spaces become hyphens; case is kept.
public enum TagNormalisation {
    public static func normalised(_ tag: String) -> String {
        String(tag.map { $0 == " " ? "-" : $0 })
    }
}
