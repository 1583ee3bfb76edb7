// One input row's outcome, as the run reported it (`omneo.report.row`).
public struct OutcomeRow: Sendable {
    public var seq: Int
    public var key: String
    public var profileID: String?
    public var outcome: String
    public var detail: String?
    /// The input line the row came from (the report's `row`); nil when the recipe named none, and for runs
    /// journaled before v8-timeline.
    public var line: Int?

    public init(seq: Int, key: String, profileID: String?, outcome: String, detail: String?, line: Int? = nil) {
        self.seq = seq
        self.key = key
        self.profileID = profileID
        self.outcome = outcome
        self.detail = detail
        self.line = line
    }
}
