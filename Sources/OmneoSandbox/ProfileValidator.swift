// Field rules of a profile write, answered as Laravel answers them: `{field: [messages]}`. The rules are
// the model's one table (OmneoModel.ProfileFieldRules): its values are the vendor SDK's types and its messages
// Laravel's, facts rather than guesses, so the sandbox shares them. What the sandbox decides on its own, as
// an independent model of the tenant, is what it stores and how it shows it (AttributeShape, email keys):
// there it never reuses the client's readers.
import OmneoModel

enum ProfileValidator {
    /// Field errors of one profile object; `prefix` is `""` or `"profiles.3."`.
    static func errors(of fields: [String: JSONValue], prefix: String = "") -> [String: [String]] {
        var errors: [String: [String]] = [:]
        for error in ProfileFieldRules.errors(of: fields, prefix: prefix) { errors[error.key, default: []].append(error.message) }
        return errors
    }
}
