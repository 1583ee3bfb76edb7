// Everything a call can fail with, worded for the person running the recipe. Never holds the token.
public struct OmneoClientError: Error, Sendable, CustomStringConvertible {
    private enum Kind: Sendable {
        case unauthenticated(tenant: String)
        case forbidden(tenant: String, scope: String?, call: String)
        case notFound(call: String, message: String?)
        case invalid(call: String, message: String?, fields: [(String, [String])])
        case refused(call: String, status: Int, message: String?)
        case exhausted(call: String, tries: Int, seconds: Double, lastAnswer: String)
        case uncertain(call: String, answer: String)
        case transport(call: String, reason: String)
        case unreadable(call: String, reason: String)
        case unexpectedAnswer(call: String, detail: String)
        case stillPending(batch: String, status: String, seconds: Double, processed: Int, total: Int?)
        case filterNotApplied(tenant: String, baseURL: String, call: String, mismatch: ProfileFilterCheck.Mismatch)
        case misuse(String)
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    static func unauthenticated(tenant: String) -> Self { Self(.unauthenticated(tenant: tenant)) }
    static func forbidden(tenant: String, scope: String?, call: String) -> Self {
        Self(.forbidden(tenant: tenant, scope: scope, call: call))
    }
    static func notFound(call: String, message: String?) -> Self { Self(.notFound(call: call, message: message)) }
    static func invalid(call: String, message: String?, fields: [(String, [String])]) -> Self {
        Self(.invalid(call: call, message: message, fields: fields))
    }
    static func refused(call: String, status: Int, message: String?) -> Self {
        Self(.refused(call: call, status: status, message: message))
    }
    static func exhausted(call: String, tries: Int, seconds: Double, lastAnswer: String) -> Self {
        Self(.exhausted(call: call, tries: tries, seconds: seconds, lastAnswer: lastAnswer))
    }
    static func uncertain(call: String, answer: String) -> Self { Self(.uncertain(call: call, answer: answer)) }
    static func transport(call: String, reason: String) -> Self { Self(.transport(call: call, reason: reason)) }
    static func unreadable(call: String, reason: String) -> Self { Self(.unreadable(call: call, reason: reason)) }
    static func unexpectedAnswer(call: String, detail: String) -> Self { Self(.unexpectedAnswer(call: call, detail: detail)) }
    static func stillPending(batch: String, status: String, seconds: Double, processed: Int, total: Int?) -> Self {
        Self(.stillPending(batch: batch, status: status, seconds: seconds, processed: processed, total: total))
    }
    static func filterNotApplied(tenant: String, baseURL: String, call: String, mismatch: ProfileFilterCheck.Mismatch) -> Self {
        Self(.filterNotApplied(tenant: tenant, baseURL: baseURL, call: call, mismatch: mismatch))
    }
    static func misuse(_ message: String) -> Self { Self(.misuse(message)) }

    /// A stable short word for code that branches on the failure (the Lua layer): `unauthenticated`,
    /// `forbidden`, `not_found`, `invalid`, `refused`, `exhausted`, `uncertain`, `transport`, `too_large`, `unexpected`,
    /// `timeout` (a batch still pending), `filter_not_applied`, `misuse`.
    public var code: String {
        switch kind {
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .invalid: "invalid"
        case .refused: "refused"
        case .exhausted: "exhausted"
        case .uncertain: "uncertain"
        case .transport: "transport"
        case .unreadable: "too_large"
        case .unexpectedAnswer: "unexpected"
        case .stillPending: "timeout"
        case .filterNotApplied: "filter_not_applied"
        case .misuse: "misuse"
        }
    }

    /// The HTTP status that ended the call, when an answer did.
    public var status: Int? {
        switch kind {
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .invalid: 422
        case .refused(_, let status, _): status
        default: nil
        }
    }

    /// The tenant refused the credentials, could not be reached, or answered a search with profiles its
    /// filters exclude: no later call will do better, and no write may follow (exit code 3).
    public var stopsTheRun: Bool {
        switch kind {
        case .unauthenticated, .forbidden, .exhausted, .transport, .unreadable, .filterNotApplied: true
        default: false
        }
    }

    /// A write that may or may not have been applied: it got no answer and was not re-sent.
    public var isUncertain: Bool {
        if case .uncertain = kind { return true }
        return false
    }

    /// Field errors of a 422, in the tenant's order of keys.
    public var fieldErrors: [(field: String, messages: [String])] {
        if case .invalid(_, _, let fields) = kind { return fields.map { (field: $0.0, messages: $0.1) } }
        return []
    }

    public var description: String {
        switch kind {
        case .unauthenticated(let tenant):
            return "the token for tenant \(tenant) was rejected (401 Unauthenticated)"
        case .forbidden(let tenant, let scope, let call):
            let need = scope.map { "the \($0) scope" + ($0.contains(" and ") ? "s" : "") } ?? "a scope"
            return "the token for tenant \(tenant) lacks \(need) needed for \(call) (403)"
        case .notFound(let call, let message):
            return "\(call): not found" + (message.map { " (\($0))" } ?? "")
        case .invalid(let call, let message, let fields):
            guard !fields.isEmpty else { return "\(call) was refused (422): \(message ?? "invalid data")" }
            let listed = fields.prefix(5).map { "\($0.0): \($0.1.joined(separator: " "))" }.joined(separator: "; ")
            let more = fields.count > 5 ? "; and \(fields.count - 5) more" : ""
            return "\(call) was refused (422): \(listed)\(more)"
        case .refused(let call, let status, let message):
            return "\(call) was refused (\(status))" + (message.map { ": \($0)" } ?? "")
        case .exhausted(let call, let tries, let seconds, let lastAnswer):
            return "\(call) failed after \(tries) \(tries == 1 ? "try" : "tries") over \(Self.seconds(seconds)); last answer: \(lastAnswer)"
        case .uncertain(let call, let answer):
            return "\(call) may or may not have been applied (\(answer)); not re-sent, check the tenant before retrying"
        case .transport(let call, let reason):
            return "\(call) could not be sent: \(reason)"
        case .unreadable(let call, let reason):
            return "\(call): \(reason)"
        case .unexpectedAnswer(let call, let detail):
            return "\(call): unexpected answer from the tenant (\(detail))"
        case .stillPending(let batch, let status, let seconds, let processed, let total):
            let progress = total.map { "\(processed) of \($0)" } ?? "\(processed)"
            let state = status == "pending" ? "" : "state '\(status)', "
            return "batch \(batch) still pending after \(Self.seconds(seconds)) (\(state)\(progress) processed)"
        case .filterNotApplied(let tenant, let baseURL, let call, let mismatch):
            let profile = "profile \(mismatch.profileID)" + (mismatch.email.map { " (\($0))" } ?? "")
            let wanted = mismatch.values.map { "'\($0)'" }.joined(separator: " or ")
            return "tenant \(tenant) (\(baseURL)) did not apply the filter \(mismatch.filter) = \(wanted): "
                + "\(call) returned \(profile), which does not match; the run stopped before any further write"
        case .misuse(let message):
            return message
        }
    }

    /// "0.3 s", "2 s", "31 s": whole seconds print without ".0".
    static func seconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        if value >= 10 || tenths == tenths.rounded() { return "\(Int(value.rounded())) s" }
        return "\(tenths) s"
    }
}
