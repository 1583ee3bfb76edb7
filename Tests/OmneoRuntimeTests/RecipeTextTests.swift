// Text a recipe hands the host (log lines, report keys and details) is written whole, on one line.
import Foundation
import OmneoJournal
@testable import OmneoRuntime
import Testing

@Suite struct RecipeTextTests {
    @Test func logLinesCannotBeForged() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run(#"""
            omneo.log.info("done\nerror: the tenant refused the token")
            print("a\27[2K\rb", "tab\tkept")
            omneo.log.warn("%s", "nul\0here\u{85}\u{2028}")
            """#)
        #expect(outcome == .finished)
        #expect(log == [
            #"info: done\nerror: the tenant refused the token"#,
            #"info: a\x1b[2K\rb"# + "\t" + "tab\tkept",
            #"warn: nul\x00here\u{85}\u{2028}"#,
        ])
    }

    /// A NUL used to end the row in the file (C strings stop there) and merge it into the next.
    @Test func reportKeysWithControlCharactersAreWrittenWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).csv").path
        let journal = try RunJournalTests.journal()
        let report = RunReport(path: path, dryRun: false, journal: journal)
        report.row(key: "a\u{0}b@example.com", profileID: nil, outcome: "invalid", detail: "line one\nline two")
        report.row(key: "c@example.com\r\n", profileID: "p\u{1B}1", outcome: "added", detail: nil)
        report.row(key: "d@example.com", profileID: "p2", outcome: "added", detail: "=1+1")
        report.close()
        #expect(report.rows == 3)

        let reader = try CSVReader(path: path, displayPath: path)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.fields.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(records == [
            ["row", "key", "email", "profile_id", "outcome", "change", "detail"],
            ["", #"a\x00b@example.com"#, "", "", "invalid", "", #"line one\nline two"#],
            ["", #"c@example.com\r\n"#, "", #"p\x1b1"#, "added", "", ""],
            ["", "d@example.com", "", "p2", "added", "", "'=1+1"],
        ])
        let journaled = try journal.journal.outcomes(runID: journal.runID)
        #expect(journaled.map { $0[0] } == records.dropFirst().map { $0[1] })
        #expect(journaled[0][3] == #"line one\nline two"#)
    }

    @Test(arguments: [
        ("omneo.params{ x = { type = {} } }", "omneo.params: parameter 'x' has a type that is a table, not a string (use \"string\", \"number\", \"integer\" or \"boolean\")"),
        ("omneo.params{ x = { type = 1 } }", "omneo.params: parameter 'x' has a type that is a number, not a string"),
        ("omneo.params{ x = { required = 'yes' } }", "omneo.params: parameter 'x' has a required that is a string, not a boolean"),
        ("omneo.params{ x = { typ = 'integer' } }", "omneo.params: parameter 'x' has unknown field 'typ' (did you mean 'type'?)"),
        ("omneo.params{ x = { 'integer' } }", "omneo.params: parameter 'x' has unknown field a number key"),
    ] as [(String, String)])
    func paramsRefuseDeclarationsTheyCannotRead(_ code: String, _ expected: String) throws {
        let fixture = try RecipeFixture()
        let message = try #require(RecipeFixture.message(try fixture.run(code).outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1: " + expected), "\(message)")
    }
}
