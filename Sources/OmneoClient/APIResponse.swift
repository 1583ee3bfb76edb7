// An answer as the retry loop needs it: status, the pacing headers and the body.
import OmneoModel
import Foundation

struct APIResponse: Sendable {
    var status: Int
    var body: Data
    var retryAfter: Double?
    var rateLimit: Int?
    var rateLimitRemaining: Int?
    /// The body decoded once, with `token` cut out of every string after decoding.
    let json: JSONValue?

    init(status: Int, body: Data, retryAfter: Double? = nil, rateLimit: Int? = nil, rateLimitRemaining: Int? = nil, token: Secret? = nil) {
        self.status = status
        self.body = token?.scrub(body) ?? body
        self.retryAfter = retryAfter
        self.rateLimit = rateLimit
        self.rateLimitRemaining = rateLimitRemaining
        guard !body.isEmpty else {
            json = nil
            return
        }
        // Without a backslash no string is escaped, so the byte scrub already reached every one.
        if let token, body.contains(UInt8(ascii: "\\")) {
            json = JSONValue(json: body).map(token.scrub)
        } else {
            json = JSONValue(json: self.body)
        }
    }

    /// The tenant's `message`, for error texts; nil when the body is not a Laravel error.
    var message: String? { json?["message"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }

    /// `errors` of a 422 as (field, messages), sorted by field.
    var fieldErrors: [(String, [String])] {
        guard let errors = json?["errors"]?.objectValue else { return [] }
        return errors.keys.sorted().map { key in
            let value = errors[key]!
            return (key, value.arrayValue?.compactMap(\.lenientString) ?? value.lenientString.map { [$0] } ?? [])
        }
    }

    /// `Retry-After` as seconds or an HTTP date.
    static func retryAfter(_ text: String?, now: Date = Date()) -> Double? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds.isFinite { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// "503 Service Unavailable" style, for the retries-exhausted message.
    var summary: String {
        let reason = message.map { " \($0)" } ?? ""
        let wait = status == 429 ? retryAfter.map { " (Retry-After \(OmneoClientError.seconds($0)))" } ?? "" : ""
        return "\(status)\(reason)\(wait)"
    }
}
