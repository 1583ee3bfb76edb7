// An answer other than success, shaped like Laravel's: `{"message": ..., "errors": {field: [...]}}`.
import OmneoModel
public struct SandboxAPIError: Error, Sendable {
    public var status: Int
    public var message: String
    public var fieldErrors: [String: [String]]

    public init(status: Int, message: String, fieldErrors: [String: [String]] = [:]) {
        self.status = status
        self.message = message
        self.fieldErrors = fieldErrors
    }

    static let unauthenticated = SandboxAPIError(status: 401, message: "Unauthenticated.")
    static let invalidScope = SandboxAPIError(status: 403, message: "Invalid scope(s) provided.")
    static let tooManyAttempts = SandboxAPIError(status: 429, message: "Too Many Attempts.")
    static let serverError = SandboxAPIError(status: 500, message: "Server Error")

    static func notFound(_ what: String) -> SandboxAPIError {
        SandboxAPIError(status: 404, message: "\(what) not found.")
    }

    /// A 422 whose message is the first field error, as Laravel words it.
    static func invalid(_ fieldErrors: [String: [String]]) -> SandboxAPIError {
        let first = fieldErrors.keys.sorted().first.flatMap { fieldErrors[$0]?.first } ?? "The given data was invalid."
        let more = fieldErrors.values.reduce(0) { $0 + $1.count } - 1
        let message = more > 0 ? "\(first) (and \(more) more error\(more == 1 ? "" : "s"))" : first
        return SandboxAPIError(status: 422, message: message, fieldErrors: fieldErrors)
    }

    var body: JSONValue {
        var object: [String: JSONValue] = ["message": .string(message)]
        if !fieldErrors.isEmpty {
            object["errors"] = .object(fieldErrors.mapValues { .array($0.map(JSONValue.string)) })
        }
        return .object(object)
    }
}
