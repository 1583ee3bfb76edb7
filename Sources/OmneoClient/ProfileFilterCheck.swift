// Every profile a search returns is checked against the filters it was asked with: a client cannot
// prove a filter was applied (omneo-api.md, "Profiles"), and a tenant that ignores one hands back everyone.
public import OmneoModel

/// The filters of one search that can be checked on a profile: `email`, `first_name`, `last_name`,
/// `statuses.handle`, `tags.handle`, `identities.identifier`. Others (`mobile_phone`, `profile_type`,
/// `search`, ...) are the tenant's word alone.
public struct ProfileFilterCheck: Sendable {
    /// A filter with several values matches a profile holding any of them: spatie's query builder turns a
    /// list into `whereIn` (omneo-api.md, "Profiles": repeat the key for several values).
    struct Condition: Sendable {
        let filter: String
        let values: [String]
    }

    /// One profile that does not match, and the filter it fails.
    public struct Mismatch: Sendable, Equatable {
        public let filter: String
        public let values: [String]
        public let profileID: String
        public let email: String?
    }

    static let checkable: Set<String> = ["email", "first_name", "last_name", "statuses.handle", "tags.handle", "identities.identifier"]

    let conditions: [Condition]

    /// `filters` as the client takes them: `email`, `statuses.handle`, or spelled out as `filter[email]`.
    public init(_ filters: [String: [String]]) {
        conditions = filters.keys.sorted().compactMap { key in
            let name = Self.filterName(key)
            guard Self.checkable.contains(name), let values = filters[key], !values.isEmpty else { return nil }
            return Condition(filter: name, values: values)
        }
    }

    /// The first profile of `profiles` that fails a condition, in page order.
    public func firstMismatch(in profiles: [OmneoProfile]) -> Mismatch? {
        for profile in profiles {
            if let failed = conditions.first(where: { !Self.matches(profile, $0) }) {
                return Mismatch(filter: failed.filter, values: failed.values, profileID: profile.id, email: profile.email)
            }
        }
        return nil
    }

    /// `filter[tags.handle]` -> `tags.handle`; a plain name stays as it is.
    public static func filterName(_ key: String) -> String {
        guard key.hasPrefix("filter["), key.hasSuffix("]") else { return key }
        return String(key.dropFirst("filter[".count).dropLast())
    }

    static func matches(_ profile: OmneoProfile, _ condition: Condition) -> Bool {
        switch condition.filter {
        case "email":
            // Compared as the resolver compares addresses (EmailAddress: trimmed, lower-cased).
            guard let email = profile.email else { return false }
            return condition.values.contains { EmailAddress.normalise($0) == EmailAddress.normalise(email) }
        case "statuses.handle":
            // Handles are case-sensitive (omneo-api.md, "Status definitions").
            return condition.values.contains(where: profile.statuses.contains)
        case "tags.handle":
            // Tags are case-sensitive strings (omneo-api.md, "Profiles"); objects with a handle read alike.
            let tags = (profile["tags"]?.arrayValue ?? []).compactMap { $0.stringValue ?? $0["handle"]?.lenientString }
            return condition.values.contains(where: tags.contains)
        case "identities.identifier":
            let identifiers = (profile["identities"]?.arrayValue ?? []).compactMap { $0["identifier"]?.lenientString }
            return condition.values.contains(where: identifiers.contains)
        default:
            // Names: the vendor does not say how they compare; ignoring case and surrounding spaces is the
            // loosest reading that still means the same name.
            guard let field = profile[condition.filter]?.stringValue?.trimmingSpaces.lowercased() else { return false }
            return condition.values.contains { $0.trimmingSpaces.lowercased() == field }
        }
    }
}
