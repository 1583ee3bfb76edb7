// The tenant's field rules for a profile write, as one table with the messages its 422s word them in
// (Laravel's validator). The client checks writes with it before sending; the sandbox answers with it.
public enum ProfileFieldRules {
    /// What a field must hold.
    public enum Kind: Sendable {
        case email
        case text(maxLength: Int)
        case choice([String])
        case integer(ClosedRange<Int>)
        /// A list of handle strings (statuses, tags).
        case handles
        /// A list of `{handle, identifier}`.
        case identities
        /// A list of `{namespace, handle, type, value}`.
        case attributes
    }

    public struct Rule: Sendable {
        public let field: String
        public let kind: Kind
    }

    // The vendor SDK's Profile.gender is 'male' | 'female' | 'witheld' | 'other' | null and its docs spell it
    // "withheld": both spellings pass, and a write sends the one the recipe gave (no rewriting either way).
    public static let genders = ["male", "female", "other", "withheld", "witheld"]
    // The vendor SDK's ProfileType, in its order.
    public static let profileTypes = ["temporary", "dependant", "incomplete", "pending", "system", "active", "deleted"]
    static let textFields = [
        "first_name", "last_name", "title", "currency", "mobile_phone", "secondary_phone",
        "company", "occupation", "avatar_url", "region", "region_country", "region_state",
    ]

    /// Every checked field, in the order the errors are listed.
    public static let table: [Rule] = [Rule(field: "email", kind: .email)]
        + textFields.map { Rule(field: $0, kind: .text(maxLength: 255)) }
        + [
            Rule(field: "gender", kind: .choice(genders)),
            Rule(field: "profile_type", kind: .choice(profileTypes)),
            Rule(field: "birth_day", kind: .integer(1...31)),
            Rule(field: "birth_month", kind: .integer(1...12)),
            Rule(field: "birth_year", kind: .integer(1900...2100)),
            Rule(field: "statuses", kind: .handles),
            Rule(field: "tags", kind: .handles),
            Rule(field: "identities", kind: .identities),
            Rule(field: "custom_attributes", kind: .attributes),
        ]

    /// The fields that hold lists.
    public static let listFields: Set<String> = Set(table.compactMap { rule in
        switch rule.kind {
        case .handles, .identities, .attributes: rule.field
        default: nil
        }
    })

    /// The fields with an empty object in a list field made an empty list. An empty Lua table cannot say
    /// which it is (the bridge makes it `{}`); in a profile, the vendor's schema can.
    public static func emptyListsAsArrays(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        var fields = fields
        for field in listFields where fields[field] == .object([:]) { fields[field] = .array([]) }
        return fields
    }

    /// Each failure as (key, message), in table order; `prefix` is `""` or `"profiles.3."`.
    public static func errors(of fields: [String: JSONValue], prefix: String = "") -> [(key: String, message: String)] {
        table.compactMap { rule in
            guard let value = fields[rule.field], let message = problem(value, rule.kind) else { return nil }
            let key = prefix + rule.field
            return (key, message.replacingAttribute(with: key))
        }
    }

    /// `key: message` lines, in field order; empty when the fields would pass.
    public static func problems(of fields: [String: JSONValue], prefix: String = "") -> [String] {
        errors(of: fields, prefix: prefix).map { "\($0.key): \($0.message)" }
    }

    /// The message template (`:attribute` stands for the key) when `value` breaks the rule; nil when it passes.
    static func problem(_ value: JSONValue, _ kind: Kind) -> String? {
        switch kind {
        case .handles:
            return value.arrayValue?.allSatisfy({ $0.stringValue != nil }) == true ? nil : "The :attribute must be an array of handles."
        case .identities:
            let valid = value.arrayValue?.allSatisfy { $0["handle"]?.stringValue != nil && $0["identifier"]?.stringValue != nil }
            return valid == true ? nil : "The :attribute must be an array of {handle, identifier}."
        case .attributes:
            let valid = value.arrayValue?.allSatisfy { $0["handle"]?.stringValue != nil }
            return valid == true ? nil : "The :attribute must be an array of {namespace, handle, type, value}."
        default:
            return value.isNull ? nil : scalarProblem(value, kind)
        }
    }

    private static func scalarProblem(_ value: JSONValue, _ kind: Kind) -> String? {
        switch kind {
        case .email:
            guard let text = value.stringValue else { return "The :attribute must be a string." }
            return isEmail(text) ? nil : "The :attribute must be a valid email address."
        case .text(let maxLength):
            guard let text = value.stringValue else { return "The :attribute must be a string." }
            return text.count > maxLength ? "The :attribute may not be greater than \(maxLength) characters." : nil
        case .choice(let allowed):
            if let text = value.stringValue, allowed.contains(text) { return nil }
            return "The selected :attribute is invalid (one of: \(allowed.joined(separator: ", ")))."
        case .integer(let range):
            guard let number = value.intValue else { return "The :attribute must be an integer." }
            return range.contains(number) ? nil : "The :attribute must be between \(range.lowerBound) and \(range.upperBound)."
        case .handles, .identities, .attributes:
            return nil
        }
    }

    /// The tenant's rule (Laravel's `email`, loosely): one @ with text before it, no spaces, a dotted domain.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    /// The upsert's match_criteria needs its value in every profile: an email, or an identity with that handle.
    public static func matchProblem(of fields: [String: JSONValue], match: String, prefix: String) -> String? {
        guard matchValue(fields, match: match) == nil else { return nil }
        let key = prefix + (match == "email" ? "email" : "identities")
        return "\(key): The \(key) field is required when match_criteria is \(match)."
    }

    public static func matchValue(_ fields: [String: JSONValue], match: String) -> String? {
        let value = match == "email"
            ? fields["email"]?.stringValue
            : fields["identities"]?.arrayValue?.first(where: { $0["handle"]?.stringValue == match })?["identifier"]?.stringValue
        return value.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
    }
}

extension String {
    /// Laravel's `:attribute` placeholder filled in, without Foundation.
    func replacingAttribute(with key: String) -> String {
        split(separator: ":attribute", omittingEmptySubsequences: false).joined(separator: key)
    }
}
