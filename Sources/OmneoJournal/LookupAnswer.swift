// What `GET /v3/profiles?filter[email]=` answered for one address: the matches (at most two are
// fetched: one is found, two is ambiguous) with their statuses as read then, and the tenant's total.
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
    /// Taken from the cache (an earlier run's lookup), not asked by this run: ids only, no statuses read.
    /// Kept in the journal's `reused` column, not in the answer's JSON.
    public var reused = false

    enum CodingKeys: String, CodingKey { case matches, total }

    public init(matches: [Match], total: Int?, reused: Bool = false) {
        self.matches = matches
        self.total = total
        self.reused = reused
    }
}
