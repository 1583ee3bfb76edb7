// What `omneo.profiles.resolve` answers: one row per input, in input order, and the lists a recipe uses.
public struct EmailResolution: Sendable {
    public enum Outcome: String, Sendable {
        case found, missing, ambiguous, invalid, duplicate
    }

    public struct Row: Sendable {
        public var input: String
        public var email: String
        public var outcome: Outcome
        public var id: String?
        public var reason: String?
        /// The 1-based row this email first appeared in (duplicates).
        public var duplicateOf: Int?
    }

    public struct Ambiguity: Sendable {
        public var email: String
        public var ids: [String]
        public var count: Int
    }

    public var rows: [Row] = []
    /// Found profile ids, in input order.
    public var ids: [String] = []
    public var byEmail: [String: String] = [:]
    /// The statuses each found profile holds, as this run read them; a profile whose id came from the
    /// lookup cache has none here (its statuses were not read: write to it anyway, the batch is additive).
    public var statuses: [String: [String]] = [:]
    /// Distinct emails answered from the lookup cache (ids only).
    public var fromCache = 0
    public var missing: [String] = []
    public var ambiguous: [Ambiguity] = []
    /// Inputs that are no email address, with why (the input as given).
    public var invalid: [(email: String, reason: String)] = []
}
