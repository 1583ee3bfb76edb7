// Where omneo-run keeps what outlives a run: $XDG_STATE_HOME/omneo, default ~/.local/state/omneo.
import Foundation

enum StateDirectory {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/omneo" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/omneo"
    }

    /// The run journal (SQLite): every run on this machine, all tenants.
    static var journal: String { path + "/journal.sqlite" }

    /// `reports/acme-20261124-184012-3f1c.csv`: the tenant's name (as a file name may hold it) and the run id.
    static func report(runID: String, tenant: String) -> String {
        let safe = String(tenant.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" })
        return path + "/reports/" + (safe.isEmpty ? "" : safe + "-") + runID + ".csv"
    }
}

/// Run ids sort by time and are unique enough per machine: `20261124-183301-7f3a`.
enum RunID {
    static func make(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
        return stamp + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
    }
}
