// Text from a recipe made safe to print or store as one line: control characters become visible escapes.
//
// A newline in a log argument forges a second log line, an ANSI escape rewrites the terminal, and a NUL
// cut a report row short (C strings end there) and merged it into the next. Every control character
// (C0, DEL, C1) and the Unicode line and paragraph separators are written as Lua would write them in a
// string literal (`\n`, `\r`, `\x1b`, `\x00`, `\u{85}`); a tab stays, as print separates its values with one.
enum VisibleText {
    static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                let hex = String(scalar.value, radix: 16)
                result += scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }
}
