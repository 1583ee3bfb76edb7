// A 422 about one chunk of an upsert, renumbered to the rows of the recipe's list.
@testable import OmneoSession
import OmneoModel
@testable import OmneoClient
import Testing

@Suite struct ProfileRefusalTests {
    @Test func aChunksFieldErrorsNameTheRecipesRows() {
        let error = OmneoClientError.invalid(
            call: "POST /v3/profiles/batch", message: "The profiles.1.email has already been taken.",
            fields: [("profiles.1.email", ["The profiles.1.email has already been taken."])]
        )
        let rows = ProfileWriter.refusal(error, rows: [3, 7])
        #expect(rows[7] == "profiles.7.email: The profiles.7.email has already been taken.")
        #expect(rows[3]?.hasPrefix("not sent: POST /v3/profiles/batch was refused (422)") == true, "\(rows[3] ?? "")")
    }

    @Test func singleWriteErrorsKeepTheirKeys() {
        #expect(ProfileWriter.fieldLines([(field: "email", messages: ["The email has already been taken."])])
            == ["email: The email has already been taken."])
        #expect(ProfileFieldRules.problems(of: ["birth_day": .integer(32), "gender": .string("m")]) == [
            "gender: The selected gender is invalid (one of: male, female, other, withheld, witheld).",
            "birth_day: The birth_day must be between 1 and 31.",
        ])
    }
}
