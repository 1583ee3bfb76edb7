// A bearer token that cannot be printed: every way Swift turns a value into text shows "[redacted]".
import Foundation

public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The token itself. Only the code that builds the Authorization header calls this,
    /// and `scrub` uses it to cut the token out of text a server sent back.
    public var reveal: String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "[redacted]" }

    public var debugDescription: String { "[redacted]" }

    /// `dump()` and debuggers walk the mirror, not `description`: give them nothing to show.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `text` with every occurrence of the token replaced, for messages built from a server's answer.
    func scrub(_ text: String) -> String {
        guard value.count >= 4, text.contains(value) else { return text }
        return text.replacingOccurrences(of: value, with: "[redacted]")
    }

    /// An answer's body with the token cut out, should a tenant ever echo it back.
    func scrub(_ data: Data) -> Data {
        guard value.utf8.count >= 4, data.range(of: Data(value.utf8)) != nil else { return data }
        return Data(scrub(String(decoding: data, as: UTF8.self)).utf8)
    }
}
