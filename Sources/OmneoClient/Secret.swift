// A bearer token that cannot be printed: every way Swift turns a value into text shows "[redacted]".
import Crypto
import Foundation
public import OmneoModel

public struct Secret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// The token itself. Only the code that builds the Authorization header calls this;
    /// `scrub` uses it to cut the token out of what a server sent back, and `fingerprint` hashes it.
    public var reveal: String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "[redacted]" }

    public var debugDescription: String { "[redacted]" }

    /// `dump()` and debuggers walk the mirror, not `description`: give them nothing to show.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// SHA-256 of the salt and the token, as 16 hex digits (64 bits): tells two tokens apart, and with a
    /// salt of the journal's own, cannot be looked up in a table of hashed tokens made elsewhere.
    public func fingerprint(salt: String) -> String {
        let digest = SHA256.hash(data: Data((salt + "\n" + value).utf8))
        return digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `text` with every occurrence of the token replaced, for messages built from a server's answer.
    func scrub(_ text: String) -> String {
        guard value.count >= 4, text.contains(value) else { return text }
        return text.replacingOccurrences(of: value, with: "[redacted]")
    }

    /// Every string (and key) of a decoded answer with the token cut out: a tenant that echoes it
    /// JSON-escaped (`a\/b`, `\u0061`) gets past the byte scrub, never past this one.
    func scrub(_ json: JSONValue) -> JSONValue {
        guard value.count >= 4 else { return json }
        switch json {
        case .string(let text): return .string(scrub(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let fields):
            var scrubbed: [String: JSONValue] = [:]
            for (key, field) in fields { scrubbed[scrub(key)] = scrub(field) }
            return .object(scrubbed)
        default: return json
        }
    }

    /// An answer's body with the token cut out, should a tenant ever echo it back.
    func scrub(_ data: Data) -> Data {
        guard value.utf8.count >= 4, data.range(of: Data(value.utf8)) != nil else { return data }
        return Data(scrub(String(decoding: data, as: UTF8.self)).utf8)
    }
}
