// What `GET /v3/profiles?filter[email]=` answered for one address: the matches (at most two are
// fetched: one is found, two is ambiguous) with their statuses, and the tenant's total.
public struct LookupAnswer: Sendable, Hashable, Codable {
    public struct Match: Sendable, Hashable, Codable {
        public var id: String
        public var statuses: [String]
        public init(id: String, statuses: [String]) {
            self.id = id
            self.statuses = statuses
        }
    }

    public var matches: [Match]
    public var total: Int?

    public init(matches: [Match], total: Int?) {
        self.matches = matches
        self.total = total
    }
}
