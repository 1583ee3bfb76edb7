// One page of `GET /v3/profiles`: the profiles and where the page stands in the whole list.
public struct ProfilePage: Sendable, Hashable {
    public var profiles: [OmneoProfile]
    public var number: Int
    /// Nil when the tenant sent no meta.
    public var lastPage: Int?
    /// Every match over all pages, when the tenant says.
    public var total: Int?
    public var hasNextPage: Bool

    public init(profiles: [OmneoProfile], number: Int, lastPage: Int?, total: Int?, hasNextPage: Bool) {
        self.profiles = profiles
        self.number = number
        self.lastPage = lastPage
        self.total = total
        self.hasNextPage = hasNextPage
    }

    package init(_ envelope: PageEnvelope) {
        self.init(
            profiles: envelope.items.compactMap(OmneoProfile.init),
            number: envelope.currentPage,
            lastPage: envelope.lastPage,
            total: envelope.total,
            hasNextPage: envelope.hasNextPage
        )
    }
}

extension ProfilePage {
    /// The one-page answer of a lookup that names at most one profile (by id or identity).
    package static func single(_ profile: OmneoProfile?) -> ProfilePage {
        ProfilePage(profiles: profile.map { [$0] } ?? [], number: 1, lastPage: 1, total: profile == nil ? 0 : 1, hasNextPage: false)
    }
}
