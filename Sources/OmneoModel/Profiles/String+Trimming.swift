// Whitespace trimming without Foundation (the runtime avoids it to keep start-up fast). The characters are
// Lua's `%s` (space, \t, \n, \v, \f, \r), so Swift and `stdlib/omneo/emails.lua` trim an email alike.
extension StringProtocol {
    public var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { " \t\n\u{0B}\u{0C}\r".contains($0) || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
