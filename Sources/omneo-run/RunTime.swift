// The times `runs --since` and `--prune` take: a date in UTC (`2026-12-01`, `2026-12-01 17:20`) or an
// age back from now (`3d`, `12h`, `30m`, `90s`, `2w`).
import Foundation

enum RunTime {
    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400]

    /// Seconds since 1970, or nil when `text` is neither a date nor an age with its unit.
    static func parse(_ text: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let last = text.last, let unit = units[last], let number = Double(text.dropLast()), number >= 0, number.isFinite {
            return now - number * unit
        }
        return date(text)
    }

    private static func date(_ text: String) -> Double? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text), formatter.string(from: date) == text { return date.timeIntervalSince1970 }
        }
        return nil
    }

    static func expectation(_ flag: String, _ text: String) -> String {
        "\(flag) expects a date (2026-12-01 or 2026-12-01 17:20, UTC) or an age with its unit (3d, 12h, 30m, 90s, 2w), got '\(text)'"
    }
}
