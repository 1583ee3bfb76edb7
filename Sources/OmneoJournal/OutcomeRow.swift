// One input row's outcome, as the run reported it (`omneo.report.row`).
public struct OutcomeRow: Sendable {
    public var seq: Int
    public var key: String
    public var profileID: String?
    public var outcome: String
    public var detail: String?

    public init(seq: Int, key: String, profileID: String?, outcome: String, detail: String?) {
        self.seq = seq
        self.key = key
        self.profileID = profileID
        self.outcome = outcome
        self.detail = detail
    }
}
