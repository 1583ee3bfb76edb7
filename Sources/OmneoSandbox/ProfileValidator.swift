// Field rules of a profile write, answered as Laravel answers them: `{field: [messages]}`. The rules are
// the model's one table (OmneoModel.ProfileFieldRules): they are the vendor's documented messages, not a
// guess about behaviour, so the sandbox shares them; what it decides on its own is what it stores.
import OmneoModel

enum ProfileValidator {
    /// Field errors of one profile object; `prefix` is `""` or `"profiles.3."`.
    static func errors(of fields: [String: JSONValue], prefix: String = "") -> [String: [String]] {
        var errors: [String: [String]] = [:]
        for error in ProfileFieldRules.errors(of: fields, prefix: prefix) { errors[error.key, default: []].append(error.message) }
        return errors
    }
}
