// Where a run's per-row outcomes go (the run report, in the runtime): the session's own jobs, like undo,
// report rows without knowing how they are kept.
package protocol OutcomeRows: AnyObject {
    /// Appends a row; a message when it could not be kept (the run goes on; the summary says so).
    @discardableResult
    func row(_ row: ReportRow) -> String?
}

extension OutcomeRows {
    @discardableResult
    package func row(key: String, profileID: String?, outcome: String, detail: String?) -> String? {
        row(ReportRow(key: key, profileID: profileID, outcome: outcome, detail: detail))
    }
}

/// One row of the run report: what became of one input row (or one profile), in a manager's words.
package struct ReportRow: Sendable, Equatable {
    /// The input line it came from (a CSV row's line), when there is one.
    package var line: Int?
    /// What identifies the row as the input had it (an email as typed, a profile id).
    package var key: String
    package var email: String?
    package var profileID: String?
    package var outcome: String
    /// What the row changed, in short: `+vip`, `-vip`, `+vip -staff`, or the fields a profile write set.
    package var change: String?
    package var detail: String?

    package init(
        line: Int? = nil, key: String, email: String? = nil, profileID: String? = nil, outcome: String,
        change: String? = nil, detail: String? = nil
    ) {
        self.line = line
        self.key = key
        self.email = email
        self.profileID = profileID
        self.outcome = outcome
        self.change = change
        self.detail = detail
    }

    /// The report's columns, in order.
    package static let columns = ["row", "key", "email", "profile_id", "outcome", "change", "detail"]
}
