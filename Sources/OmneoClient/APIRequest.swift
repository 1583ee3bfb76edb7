// One call to the tenant as the client sends it: method, percent-encoded target, body and the scope it needs.
import OmneoModel
struct APIRequest: Sendable {
    var method: String
    /// Path segments under the base URL, each encoded on its own (`["v3", "profiles", id]`).
    var segments: [String]
    var query: [(name: String, value: String)]
    var body: JSONValue?
    /// The token scope the endpoint needs, named in the 403 message.
    var scope: String?
    /// Sending it twice leaves the tenant as sending it once did (the status batches: "additive, merged,
    /// de-duplicated; re-sending is a no-op", omneo-api.md), so a try whose answer was lost is sent again.
    var idempotent = false

    init(_ method: String, _ segments: [String], query: [(name: String, value: String)] = [], body: JSONValue? = nil, scope: String?) {
        self.method = method
        self.segments = segments
        self.query = query
        self.body = body
        self.scope = scope
    }

    /// Anything but GET changes the tenant, and is re-sent only when it certainly was not applied.
    var isWrite: Bool { method != "GET" }

    /// A read, or a write whose repetition changes nothing: retried even when a try may have applied.
    var resendable: Bool { !isWrite || idempotent }

    /// What goes on the wire after the base URL: every reserved character encoded, `+` and `@` included,
    /// since the tenant reads `+` in a query as a space (PHP).
    var target: String {
        let path = "/" + segments.map(PercentEncoding.encode).joined(separator: "/")
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// The same for people: `GET /v3/profiles?filter[email]=jane+vip@example.com`.
    var display: String {
        let path = "/" + segments.joined(separator: "/")
        let query = query.isEmpty ? "" : "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "\(method) \(path)\(query)"
    }
}

enum PercentEncoding {
    /// RFC 3986 unreserved characters pass; every other byte becomes %XX.
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
