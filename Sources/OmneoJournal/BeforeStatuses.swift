// What a profile held before a run changed it: its whole set of statuses, or (for an id the run took from
// the lookup cache) only whether it held each of the handles the run wrote, read through their holders.
public struct BeforeStatuses: Sendable, Hashable {
    public var statuses: [String]
    /// The handles this record knows about; nil: all of them (the profile itself was read).
    public var covers: Set<String>?

    public init(statuses: [String], covers: Set<String>? = nil) {
        self.statuses = statuses
        self.covers = covers
    }

    /// Whether the profile held `handle` before the run; nil when the run never learnt it.
    public func held(_ handle: String) -> Bool? {
        if let covers, !covers.contains(handle) { return nil }
        return statuses.contains(handle)
    }
}
