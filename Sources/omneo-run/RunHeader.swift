// The first line of every run, resume and undo against a tenant, printed before any request: which run,
// which recipe, which tenant (name and base URL), and whether it writes.
enum RunHeader {
    /// `run 20261202-172112-4118: recipes/assign-status.lua on tenant acme (https://api.acme.getomneo.com/api); writes are sent`
    static func line(_ subject: String, tenant: String, baseURL: String, sandbox: Bool = false, dryRun: Bool) -> String {
        let place = sandbox ? "the built-in sandbox tenant (\(baseURL), demo data)" : "tenant \(tenant) (\(baseURL))"
        return "\(subject) on \(place); " + (dryRun ? "dry run, nothing is written" : "writes are sent")
    }

    /// After a stop (Ctrl-C, a declined question): the run's id and the commands that finish or undo it.
    static func stopLines(runID: String, resumable: Bool, dryRun: Bool) -> [String] {
        guard resumable else {
            return ["run \(runID) stopped; it was on the built-in sandbox, which ends with it: there is nothing to resume or undo"]
        }
        var lines = ["run \(runID) stopped before its next request; the journal holds everything it sent", "resume: omneo-run resume \(runID)"]
        if !dryRun { lines.append("undo: omneo-run undo \(runID)") }
        return lines
    }
}
