// The client's checks and the sandbox's validator answer the same examples the same way: one table serves
// both, and this pins it (a sandbox that grew its own rules would fail here).
import OmneoModel
@testable import OmneoSandbox
import Testing

@Suite struct FieldRulesPinTests {
    static let examples: [[String: JSONValue]] = [
        ["email": "jane@example.com", "first_name": "Jane", "birth_day": 3, "gender": "female"],
        ["email": "not an email", "birth_day": 32, "birth_month": 0, "birth_year": 1800],
        ["email": 5, "first_name": .string(String(repeating: "x", count: 256)), "gender": "m", "profile_type": "nope"],
        ["statuses": ["vip", 1], "tags": "vip", "identities": [["handle": "shopify"]], "custom_attributes": [["value": 1]]],
        ["birth_day": 3.0, "birth_month": 2.5, "company": .null, "email": .null],
        ["gender": "withheld", "profile_type": "active"],
        ["gender": "witheld", "profile_type": "dependant"],
        // Values an earlier table invented: the vendor has neither.
        ["gender": "unspecified", "profile_type": "permanent"],
        ["gender": "Male", "profile_type": .null],
    ]

    @Test(arguments: examples.indices) func clientAndSandboxAgree(_ index: Int) {
        let fields = Self.examples[index]
        let client = ProfileFieldRules.problems(of: fields, prefix: "profiles.2.")
        let sandbox = ProfileValidator.errors(of: fields, prefix: "profiles.2.")
        let sandboxLines = sandbox.flatMap { key, messages in messages.map { "\(key): \($0)" } }
        #expect(Set(client) == Set(sandboxLines))
        #expect(client.count == sandboxLines.count)
    }

    /// The vendor SDK's types (Profile.gender, ProfileType), plus the docs' spelling "withheld".
    @Test func choicesAreTheVendorsValues() {
        for gender in ["male", "female", "other", "withheld", "witheld"] {
            #expect(ProfileFieldRules.problems(of: ["gender": .string(gender)]).isEmpty, "\(gender)")
        }
        for type in ["temporary", "dependant", "incomplete", "pending", "system", "active", "deleted"] {
            #expect(ProfileFieldRules.problems(of: ["profile_type": .string(type)]).isEmpty, "\(type)")
        }
        #expect(ProfileFieldRules.problems(of: Self.examples[7]) == [
            "gender: The selected gender is invalid (one of: male, female, other, withheld, witheld).",
            "profile_type: The selected profile_type is invalid (one of: temporary, dependant, incomplete, pending, system, active, deleted).",
        ])
        #expect(ProfileFieldRules.problems(of: Self.examples[8]).count == 1, "choices are case-sensitive; null passes")
    }

    @Test func anEmptyTableInAListFieldIsTheEmptyList() {
        let fields = ProfileFieldRules.emptyListsAsArrays(["statuses": [:], "tags": ["vip"], "meta": [:], "custom_attributes": [:]])
        #expect(fields == ["statuses": [], "tags": ["vip"], "meta": [:], "custom_attributes": []])
    }

    @Test func theTableNamesItsListFields() {
        #expect(ProfileFieldRules.listFields == ["statuses", "tags", "identities", "custom_attributes"])
        #expect(ProfileFieldRules.problems(of: Self.examples[0]).isEmpty)
        #expect(ProfileFieldRules.problems(of: Self.examples[4]) == ["birth_month: The birth_month must be an integer."])
    }
}
