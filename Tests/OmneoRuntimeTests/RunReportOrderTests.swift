// The run report's order and completeness: input order whatever order rows were reported in, blank lines as
// rows, and the CSV reader's line numbers for bare-CR files and the blank lines it skips.
import Foundation
import OmneoSession
import Testing
@testable import OmneoRuntime

@Suite struct RunReportOrderTests {
    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("report-order-\(UUID().uuidString).csv").path
    }

    @Test func rowsEndInInputOrderAndARowNamingNoLineStaysAfterTheOneBefore() throws {
        let path = Self.temporary()
        let report = RunReport(path: path, dryRun: false)
        report.row(ReportRow(line: 5, key: "e", outcome: "invalid", detail: "late"))
        report.row(ReportRow(line: 2, key: "b", email: "b@x.com", outcome: "added", change: "add vip"))
        report.row(ReportRow(key: "after-b", outcome: "skipped"))
        report.row(ReportRow(line: 3, key: "c", outcome: "not_found"))
        report.blankLine(4, in: "list.csv")
        report.blankLine(4, in: "list.csv")
        report.close()
        #expect(try Self.lines(path) == [
            "row,key,email,profile_id,outcome,change,detail",
            "2,b,b@x.com,,added,add vip,",
            ",after-b,,,skipped,,",
            "3,c,,,not_found,,",
            "4,,,,skipped,,line 4 of list.csv is blank",
            "5,e,,,invalid,,late",
        ])
        #expect(report.rows == 5 && report.counts["skipped"] == 2)
    }

    @Test func blankLinesAreRowsOnlyOfAReportOfInputRows() throws {
        let path = Self.temporary()
        let report = RunReport(path: path, dryRun: false)
        report.row(ReportRow(key: "p1", email: "a@x.com", profileID: "p1", outcome: "removed"))
        report.blankLine(3, in: "lookup.csv")
        report.close()
        #expect(try Self.lines(path) == ["row,key,email,profile_id,outcome,change,detail", ",p1,a@x.com,p1,removed,,"])
        #expect(report.rows == 1)
    }

    @Test func bareCRLineEndsCountLinesAndBlankLinesBetweenRowsAreKept() throws {
        let path = Self.temporary()
        try Data("email\rA\r\rB\r\n\r\nC\n\n\n".utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, displayPath: "list.csv")
        var lines: [Int] = []
        while let record = try reader.next() { lines.append(record.line) }
        #expect(lines == [1, 2, 4, 6])
        #expect(reader.takeBlankLines() == [3, 5])
        #expect(reader.takeBlankLines().isEmpty)
    }

    @Test func aMissingColumnNamesTheClosestAndASemicolonFileSaysSo() {
        #expect(CSVRowReader.missingColumns(["first_name"], header: ["E-mail", "First Name"], path: "x.csv")
            == "x.csv has no column 'first_name' (did you mean 'First Name'?); its columns are: 'E-mail', 'First Name'")
        #expect(CSVRowReader.missingColumns(["email", "zip"], header: ["Email", "Phone"], path: "x.csv")
            == "x.csv has no columns 'email' (did you mean 'Email'?), 'zip'; its columns are: 'Email', 'Phone'")
        #expect(CSVRowReader.missingColumns(["email"], header: ["email\tname"], path: "x.tsv").contains(
            "this file looks separated by tabs, not by commas (its header row is one column, 'email\\tname'); save it as CSV with commas, or read it with omneo.csv.rows(path, {separator = \"\\t\"})"))
    }
}
