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

    static func report(runID: String) -> String {
        path + "/reports/" + runID + ".csv"
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
