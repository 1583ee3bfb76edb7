// The tenant's field rules for a profile write, checked before sending and worded as its 422s word them:
// the key names the field (`email`, or `profiles.3.email` for the 3rd profile of an upsert).
import OmneoClient

enum ProfileFieldRules {
    static let genders = ["female", "male", "other", "unspecified"]
    static let profileTypes = ["permanent", "temporary"]
    static let stringFields = [
        "first_name", "last_name", "title", "currency", "mobile_phone", "secondary_phone",
        "company", "occupation", "avatar_url", "region", "region_country", "region_state",
    ]

    /// `key: message` lines, in field order; empty when the fields would pass. `prefix` is `""` or `"profiles.3."`.
    static func problems(of fields: [String: OmneoValue], prefix: String = "") -> [String] {
        var problems: [String] = []
        func fail(_ field: String, _ message: String) {
            let key = prefix + field
            problems.append("\(key): " + message.replacingOccurrences(of: ":attribute", with: key))
        }
        if let email = fields["email"], email != .null {
            if let text = email.stringValue {
                if !isEmail(text) { fail("email", "The :attribute must be a valid email address.") }
            } else {
                fail("email", "The :attribute must be a string.")
            }
        }
        for field in stringFields {
            guard let value = fields[field], value != .null else { continue }
            if let text = value.stringValue {
                if text.count > 255 { fail(field, "The :attribute may not be greater than 255 characters.") }
            } else {
                fail(field, "The :attribute must be a string.")
            }
        }
        checkChoice(fields["gender"], genders, "gender", fail)
        checkChoice(fields["profile_type"], profileTypes, "profile_type", fail)
        checkRange(fields["birth_day"], 1...31, "birth_day", fail)
        checkRange(fields["birth_month"], 1...12, "birth_month", fail)
        checkRange(fields["birth_year"], 1900...2100, "birth_year", fail)
        for list in ["statuses", "tags"] {
            if let value = fields[list], value.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                fail(list, "The :attribute must be an array of handles.")
            }
        }
        if let identities = fields["identities"],
           identities.arrayValue?.allSatisfy({ $0["handle"]?.stringValue != nil && $0["identifier"]?.stringValue != nil }) != true {
            fail("identities", "The :attribute must be an array of {handle, identifier}.")
        }
        if let attributes = fields["custom_attributes"], attributes.arrayValue?.allSatisfy({ $0["handle"]?.stringValue != nil }) != true {
            fail("custom_attributes", "The :attribute must be an array of {namespace, handle, type, value}.")
        }
        return problems
    }

    /// The upsert's match_criteria needs its value in every profile: an email, or an identity with that handle.
    static func matchProblem(of fields: [String: OmneoValue], match: String, prefix: String) -> String? {
        guard matchValue(fields, match: match) == nil else { return nil }
        let key = prefix + (match == "email" ? "email" : "identities")
        return "\(key): The \(key) field is required when match_criteria is \(match)."
    }

    static func matchValue(_ fields: [String: OmneoValue], match: String) -> String? {
        let value = match == "email"
            ? fields["email"]?.stringValue
            : fields["identities"]?.arrayValue?.first(where: { $0["handle"]?.stringValue == match })?["identifier"]?.stringValue
        return value.flatMap { $0.trimmingSpaces.isEmpty ? nil : $0 }
    }

    /// The sandbox's and the tenant's rule: one @ with text before it, no spaces, a dotted domain.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    private static func checkChoice(_ value: OmneoValue?, _ allowed: [String], _ field: String, _ fail: (String, String) -> Void) {
        guard let value, value != .null else { return }
        if let text = value.stringValue, allowed.contains(text) { return }
        fail(field, "The selected :attribute is invalid (one of: \(allowed.joined(separator: ", "))).")
    }

    private static func checkRange(_ value: OmneoValue?, _ range: ClosedRange<Int>, _ field: String, _ fail: (String, String) -> Void) {
        guard let value, value != .null else { return }
        guard let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 else {
            fail(field, "The :attribute must be an integer.")
            return
        }
        if !range.contains(Int(number)) {
            fail(field, "The :attribute must be between \(range.lowerBound) and \(range.upperBound).")
        }
    }
}
