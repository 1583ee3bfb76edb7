// `GET /v3/profiles` filters and sort, as spatie/laravel-query-builder reads them; an unknown filter is a 400.
import OmneoModel
struct ProfileQuery {
    /// The documented filters, relation filters written with a dot as the vendor's tags guide writes them
    /// (omneo-api.md, "Profiles"); spatie matches names exactly, so `filter[tags][handle]` is another filter.
    static let filters = [
        "email", "first_name", "last_name", "mobile_phone", "profile_type", "statuses.handle", "tags.handle", "identities.identifier",
    ]
    static let sorts = ["created_at", "updated_at", "first_name", "last_name", "email"]

    var conditions: [(filter: String, values: [String])] = []
    var search: String?
    var sort: (field: String, descending: Bool)?

    /// `filter[statuses.handle]=vip,staff` becomes ("statuses.handle", ["vip", "staff"]) (spatie splits a value on
    /// commas). A repeated key, `filter[statuses.handle]=vip&filter[statuses.handle]=staff`, is read as PHP reads
    /// it by default: the last one alone (`repeatedKeys: .last`); `.any` joins them, as omneo-api.md says the
    /// vendor documents. `filter[statuses][handle]` reaches PHP as a nested array, which spatie reports as the
    /// filter `statuses`: refused like any unknown one.
    init(_ pairs: [(key: String, value: String)], repeatedKeys: RepeatedFilterKeys = .last) throws(SandboxAPIError) {
        var unknown: [String] = []
        var values: [String: [String]] = [:]
        for (key, value) in pairs where key.hasPrefix("filter[") {
            let name = Self.filterName(key)
            guard Self.filters.contains(name) else {
                if !unknown.contains(name) { unknown.append(name) }
                continue
            }
            let split = name == "email" ? [value] : value.split(separator: ",").map { String($0) }
            values[name] = repeatedKeys == .any ? values[name, default: []] + split : split
        }
        if !unknown.isEmpty {
            throw SandboxAPIError(
                status: 400,
                message: "Requested filter(s) `\(unknown.joined(separator: ", "))` are not allowed. Allowed filter(s) are `\(Self.filters.joined(separator: ", "))`."
            )
        }
        conditions = values.keys.sorted().map { ($0, values[$0]!) }
        let query = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        if let text = query["search"], !text.isEmpty { search = text.lowercased() }
        sort = try Self.sort(query["sort"])
    }

    /// `-created_at` is newest first; a field not in `sorts` is a 400, as spatie answers.
    private static func sort(_ text: String?) throws(SandboxAPIError) -> (field: String, descending: Bool)? {
        guard let text, !text.isEmpty else { return nil }
        let descending = text.hasPrefix("-")
        let field = descending ? String(text.dropFirst()) : text
        guard sorts.contains(field) else {
            throw SandboxAPIError(
                status: 400,
                message: "Requested sort(s) `\(field)` is not allowed. Allowed sort(s) are `\(sorts.joined(separator: ", "))`."
            )
        }
        return (field, descending)
    }

    /// `filter[tags.handle]` -> `tags.handle`; `filter[tags][handle]` -> `tags` (the outer key, as PHP nests it).
    static func filterName(_ key: String) -> String {
        let inner = key.dropFirst("filter[".count)
        return String(inner.prefix(while: { $0 != "]" }))
    }

    /// The same search as a tenant that ignores every filter answers it (the `ignore_filters` fault).
    var ignoringFilters: ProfileQuery {
        var query = self
        query.conditions = []
        return query
    }

    /// The one email asked for, to look it up by index; several emails are matched one by one.
    var emailKey: String? {
        guard let emails = conditions.first(where: { $0.filter == "email" })?.values, emails.count == 1 else { return nil }
        return StoredProfile.emailKey(emails[0])
    }

    func matches(_ profile: StoredProfile) -> Bool {
        for (filter, values) in conditions where !matches(profile, filter: filter, values: values) {
            return false
        }
        if let search {
            let haystack = ["email", "first_name", "last_name", "mobile_phone"].compactMap { profile.fields[$0]?.stringValue?.lowercased() }
            return haystack.contains { $0.contains(search) }
        }
        return true
    }

    private func matches(_ profile: StoredProfile, filter: String, values: [String]) -> Bool {
        switch filter {
        case "email":
            return values.contains { profile.emailKey == StoredProfile.emailKey($0) }
        case "statuses.handle":
            return values.contains(where: profile.statuses.contains)
        case "tags.handle":
            let tags = profile.fields["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return values.contains(where: tags.contains)
        case "identities.identifier":
            let identifiers = profile.fields["identities"]?.arrayValue?.compactMap { $0["identifier"]?.stringValue } ?? []
            return values.contains(where: identifiers.contains)
        default:
            let field = profile.fields[filter]?.stringValue?.trimmingSpaces.lowercased()
            return values.contains { $0.trimmingSpaces.lowercased() == field }
        }
    }

    func sorted(_ profiles: [StoredProfile]) -> [StoredProfile] {
        guard let sort else { return profiles }
        switch sort.field {
        // Timestamps as numbers: formatting 200,000 of them per page request made a big seed crawl.
        case "created_at": return Self.stable(profiles, descending: sort.descending) { $0.created.timeIntervalSince1970 }
        case "updated_at": return Self.stable(profiles, descending: sort.descending) { $0.updated.timeIntervalSince1970 }
        default: return Self.stable(profiles, descending: sort.descending) { $0.fields[sort.field]?.stringValue?.lowercased() ?? "" }
        }
    }

    /// Sorted by `key`, ties in their stored order (reversed when descending, as a reversed list would be).
    private static func stable<Key: Comparable>(_ profiles: [StoredProfile], descending: Bool, key: (StoredProfile) -> Key) -> [StoredProfile] {
        let keyed = profiles.map { (key($0), $0) }
        let ordered = keyed.enumerated().sorted { a, b in
            if a.element.0 != b.element.0 { return descending ? a.element.0 > b.element.0 : a.element.0 < b.element.0 }
            return descending ? a.offset > b.offset : a.offset < b.offset
        }
        return ordered.map(\.element.1)
    }
}

/// How the sandbox reads a filter key sent more than once. The vendor's stack (Laravel on PHP) parses a query
/// with PHP's rules, which keep only the last of a repeated key written without `[]`; omneo-api.md says the
/// vendor documents the repeated key as "any of these", but no vendor page shows it. `last` is the harsh
/// default (a client that repeats the key silently finds fewer profiles); `any` is the documented reading.
public enum RepeatedFilterKeys: String, Sendable, CaseIterable {
    case last, any
}
