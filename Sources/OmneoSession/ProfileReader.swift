// Profile reads through the journal: each answer is recorded, and a resumed attempt gets the earlier
// attempt's answers back in the same order (then live ones), so the recipe decides as it did the first time.
import Foundation
public import OmneoModel
import OmneoClient

public actor ProfileReader {
    private let session: TenantSession
    /// How many times this attempt asked each read (its ordinal in the journal).
    private var readCounts: [String: Int] = [:]

    public init(session: TenantSession) { self.session = session }

    /// `omneo.profiles.get`: nil when no profile has that id (or identity).
    public func profile(id: String, identity: String?) async throws -> OmneoProfile? {
        let key = "profile \(id)" + (identity.map { "?identity=\($0)" } ?? "")
        let answer = try await replayed(key) { client in
            (try await client.profile(id: id, identity: identity)).map { JSONValue.object($0.raw) } ?? .null
        }
        guard let profile = OmneoProfile(answer.value) else { return nil }
        try session.knowledge.learn([(profile.id, profile.statuses)])
        return profile
    }

    /// A page of `omneo.profiles.find` / `find_one` / `each`; the client checks its profiles against the filters.
    public func page(filters: [String: [String]], page: Int, size: Int) async throws -> ProfilePage {
        // Several values are joined with commas, as the key of a journal made before lists were sent as such.
        let query = filters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined(separator: "&")
        let answer = try await replayed("page \(query)&page=\(page)&size=\(size)") { client in
            let result = try await client.profilePage(filters: filters, page: page, size: size)
            return .object([
                "profiles": .array(result.profiles.map { .object($0.raw) }), "number": .integer(Int64(result.number)),
                "last_page": result.lastPage.map { .integer(Int64($0)) } ?? .null,
                "total": result.total.map { .integer(Int64($0)) } ?? .null, "has_next_page": .bool(result.hasNextPage),
            ])
        }
        let value = answer.value
        let profiles = (value["profiles"]?.arrayValue ?? []).compactMap(OmneoProfile.init)
        try session.knowledge.learn(profiles.map { ($0.id, $0.statuses) })
        return ProfilePage(
            profiles: profiles, number: value["number"]?.lenientInt ?? page, lastPage: value["last_page"]?.lenientInt,
            total: value["total"]?.lenientInt, hasNextPage: value["has_next_page"]?.boolValue ?? false
        )
    }

    /// The earlier attempt's answer to the n-th asking of `key`, or the tenant's (journaled).
    private func replayed(
        _ key: String, _ fetch: @escaping @Sendable (OmneoClient) async throws -> JSONValue
    ) async throws -> (value: JSONValue, replayed: Bool) {
        let ordinal = readCounts[key, default: 0]
        readCounts[key] = ordinal + 1
        let journal = session.journal
        if let earlier = journal?.earlier?.reads[key], earlier.indices.contains(ordinal), let value = JSONValue(json: earlier[ordinal]) {
            return (value, true)
        }
        let value = try await session.call(fetch)
        if let journal {
            let data = Data(value.serialized())
            try journal.record { try $0.read(runID: journal.runID, key: key, ordinal: ordinal, answer: data) }
        }
        return (value, false)
    }
}
