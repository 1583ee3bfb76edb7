// Where a run's per-row outcomes go (the run report, in the runtime): the session's own jobs, like undo,
// report rows without knowing how they are kept.
package protocol OutcomeRows: AnyObject {
    /// Appends a row; a message when it could not be kept (the run goes on; the summary says so).
    @discardableResult
    func row(key: String, profileID: String?, outcome: String, detail: String?) -> String?
}
