// Field rules of a profile write, worded as Laravel words them; the key names the field (`profiles.3.email`).
import Foundation

enum ProfileValidator {
    static let genders: Set<String> = ["male", "female", "other", "unspecified"]
    static let profileTypes: Set<String> = ["temporary", "permanent"]
    static let stringFields = [
        "first_name", "last_name", "title", "currency", "mobile_phone", "secondary_phone",
        "company", "occupation", "avatar_url", "region", "region_country", "region_state",
    ]

    /// Field errors of one profile object; `prefix` is `""` or `"profiles.3."`.
    static func errors(of fields: [String: JSONValue], prefix: String = "") -> [String: [String]] {
        var errors: [String: [String]] = [:]
        func fail(_ field: String, _ message: String) {
            errors[prefix + field, default: []].append(message.replacingOccurrences(of: ":attribute", with: prefix + field))
        }
        if let email = fields["email"], email != .null {
            if let text = email.stringValue {
                if !isEmail(text) { fail("email", "The :attribute must be a valid email address.") }
            } else {
                fail("email", "The :attribute must be a string.")
            }
        }
        for field in stringFields {
            if let value = fields[field], value != .null {
                if let text = value.stringValue {
                    if text.count > 255 { fail(field, "The :attribute may not be greater than 255 characters.") }
                } else {
                    fail(field, "The :attribute must be a string.")
                }
            }
        }
        checkChoice(fields["gender"], allowed: genders, field: "gender", fail: fail)
        checkChoice(fields["profile_type"], allowed: profileTypes, field: "profile_type", fail: fail)
        checkRange(fields["birth_day"], 1...31, field: "birth_day", fail: fail)
        checkRange(fields["birth_month"], 1...12, field: "birth_month", fail: fail)
        checkRange(fields["birth_year"], 1900...2100, field: "birth_year", fail: fail)
        for list in ["statuses", "tags"] {
            if let value = fields[list], value.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                fail(list, "The :attribute must be an array of handles.")
            }
        }
        if let identities = fields["identities"] {
            let valid = identities.arrayValue?.allSatisfy { $0["handle"]?.stringValue != nil && $0["identifier"]?.stringValue != nil }
            if valid != true { fail("identities", "The :attribute must be an array of {handle, identifier}.") }
        }
        if let attributes = fields["custom_attributes"] {
            let valid = attributes.arrayValue?.allSatisfy { $0["handle"]?.stringValue != nil }
            if valid != true { fail("custom_attributes", "The :attribute must be an array of {namespace, handle, type, value}.") }
        }
        return errors
    }

    /// Good enough to catch what a real tenant rejects: one @, no spaces, a dot in the domain.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }

    private static func checkChoice(_ value: JSONValue?, allowed: Set<String>, field: String, fail: (String, String) -> Void) {
        guard let value, value != .null else { return }
        if let text = value.stringValue, allowed.contains(text) { return }
        fail(field, "The selected :attribute is invalid (one of: \(allowed.sorted().joined(separator: ", "))).")
    }

    private static func checkRange(_ value: JSONValue?, _ range: ClosedRange<Int>, field: String, fail: (String, String) -> Void) {
        guard let value, value != .null else { return }
        guard let number = value.intValue else {
            fail(field, "The :attribute must be an integer.")
            return
        }
        if !range.contains(number) {
            fail(field, "The :attribute must be between \(range.lowerBound) and \(range.upperBound).")
        }
    }
}
