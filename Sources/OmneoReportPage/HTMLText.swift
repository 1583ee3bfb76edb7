// Text into HTML: every value that came from a tenant, a CSV or a recipe goes through `escaped`, in element
// text and in attribute values alike, so no value can open a tag, close an attribute or start a script.
import Foundation
import OmneoJournal

enum HTMLText {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "`": result += "&#96;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A number for SVG coordinates: at most two decimals, never an exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }

    /// `1,203`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    static func time(_ seconds: Double) -> String { RunRecord.shownTime(seconds) }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1f s", seconds) : seconds < 3600
            ? String(format: "%ld min %02ld s", Int(seconds) / 60, Int(seconds) % 60)
            : String(format: "%ld h %02ld min", Int(seconds) / 3600, Int(seconds) % 3600 / 60)
    }
}
