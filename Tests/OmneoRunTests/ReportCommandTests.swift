// The run report a manager reads, through the real binary (issue 18, points 5, 6 and 8): input order, every
// row (a blank one too), emails on id-keyed rows, counts that add up, "would" in dry runs, its file name,
// import-profiles on a real export, and a --report that cannot be written refused before any request.
import Foundation
import Testing

@Suite struct ReportCommandTests {
    static var recipes: String { RunCommandTests.recipes }

    /// The report's rows after its header, each field unquoted (a report row is always one line).
    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            var fields: [String] = [], field = "", quoted = false, previous: Character?
            for character in line {
                if character == "\"" {
                    if quoted, previous == "\"" { field.append("\"") }
                    quoted.toggle()
                } else if character == ",", !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
                previous = character
            }
            return fields + [field]
        }
    }

    static func reportPath(_ stderr: String) throws -> String {
        try #require(stderr.firstMatch(of: /report: (\S+)/).map { String($0.1) }, "\(stderr)")
    }

    @Test func theReportHasEveryInputRowInOrderAndItsNameSaysTenantAndRun() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        try scratch.write("people.csv", """
            email
            william.thompson0@example.com
            nobody.here@example.com

            not-an-email
            William.Thompson0@Example.com
            Matilda.Patel5@Example.com

            """)
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--arg", "status=vip", "--arg", "file=people.csv", "--rate", "500"],
            in: scratch.url, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "resolved 5 emails from people.csv: 2 found, 1 not found, 0 ambiguous, 1 invalid, 1 duplicate"), "\(result.stderr)")
        let runID = try #require(result.stderr.firstMatch(of: /omneo-run show ([0-9a-f-]+)/).map { String($0.1) })
        let path = try Self.reportPath(result.stderr)
        #expect(path.hasSuffix("/reports/default-\(runID).csv"), "\(path)")
        let rows = try Self.rows(path)
        #expect(rows.map { $0[0] } == ["2", "3", "4", "5", "6", "7"])
        #expect(rows.map { $0[4] } == ["added", "not_found", "skipped", "invalid", "skipped", "added"])
        #expect(rows[0][2] == "william.thompson0@example.com" && rows[0][5] == "add vip" && !rows[0][3].isEmpty)
        #expect(rows[2] == ["4", "", "", "", "skipped", "", "line 4 of people.csv is blank"])
        #expect(rows[4][1] == "William.Thompson0@Example.com" && rows[4][6] == "row 6: duplicate of row 2", "\(rows[4])")
        #expect(rows[5][2] == "matilda.patel5@example.com")
        #expect(result.stderr.contains("done in") && result.stderr.contains(": 6 rows ("), "\(result.stderr)")

        let show = try OmneoRunBinary.run(["show", runID], environment: environment)
        #expect(show.stdout.contains("report: \(path)"), "\(show.stdout)")

        // Undo's rows are keyed by profile id, and carry the email.
        let undo = try OmneoRunBinary.run(["undo", runID], environment: environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        let undoRows = try Self.rows(try Self.reportPath(undo.stderr))
        #expect(undoRows.count == 2)
        let emails = Set(undoRows.map { $0[2] })
        #expect(emails == ["william.thompson0@example.com", "matilda.patel5@example.com"], "\(undoRows)")
        #expect(undoRows.allSatisfy { $0[1] == $0[3] && $0[4] == "removed" && $0[5] == "remove vip" }, "\(undoRows)")
    }

    @Test func dryRunsOfTheShippedRecipesSayWhatWouldHappenAndIdRowsCarryEmails() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("demote.csv").path
        let demote = try OmneoRunBinary.run([Self.recipes + "/demote-vips-without-spend.lua", "--sandbox", "--dry-run", "--report", report])
        #expect(demote.status == 0, "\(demote.stderr)")
        #expect(demote.stderr.contains("info: dry run: would demote "), "\(demote.stderr)")
        #expect(!demote.stderr.contains("info: demoted"), "\(demote.stderr)")
        let rows = try Self.rows(report)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0[1] == $0[3] && $0[2].contains("@") && $0[4] == "would_remove" && $0[5] == "remove vip" }, "\(rows.prefix(3))")

        let tag = try OmneoRunBinary.run([Self.recipes + "/tag-influencers.lua", "--sandbox", "--dry-run"])
        #expect(tag.status == 0, "\(tag.stderr)")
        #expect(tag.stderr.contains("info: dry run: 26 profiles would get 'influencer' (0 already have it); nothing was sent"), "\(tag.stderr)")
        #expect(!tag.stderr.contains("info: done:") && !tag.stderr.contains("queued"), "\(tag.stderr)")

        let importing = try OmneoRunBinary.run([Self.recipes + "/import-profiles.lua", "--sandbox", "--dry-run"])
        #expect(importing.status == 0, "\(importing.stderr)")
        #expect(importing.stderr.contains("info: dry run: 8 rows read: would create 3, update 4; 1 not importable; nothing was sent"), "\(importing.stderr)")
        #expect(!importing.stderr.contains(" created,"), "\(importing.stderr)")
    }

    @Test func importProfilesTakesARealExport() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("import.csv").path
        let result = try OmneoRunBinary.run([
            Self.recipes + "/import-profiles.lua", "--sandbox", "--arg", "file=data/customers-export_test.csv",
            "--arg", "identity=shopify:Customer ID", "--arg", "map=Job Title:occupation", "--report", report,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("info: columns: 'Customer ID' -> identity shopify, 'First Name' -> first_name, 'Last Name' -> last_name, 'E-mail' -> email, 'Phone' -> mobile_phone, 'Gender' -> gender, 'Date of Birth' -> birth date, 'Job Title' -> occupation"), "\(result.stderr)")
        let rows = try Self.rows(report)
        #expect(rows.map { $0[0] } == ["2", "3", "4", "5", "6", "7"])
        #expect(rows.map { $0[4] } == ["created", "created", "created", "skipped", "invalid", "invalid"])
        #expect(rows[0][5].contains("birth_day") && rows[0][5].contains("identities"), "\(rows[0])")

        let headers = try OmneoRunBinary.run([Self.recipes + "/import-profiles.lua", "--sandbox", "--arg", "file=data/no-email-column_test.csv"])
        #expect(headers.status == 1)
        #expect(headers.stderr.contains("data/no-email-column_test.csv has no email column (its columns are: 'Name', 'Phone'); name it with --arg map=\"COLUMN:email\""), "\(headers.stderr)")
        #expect(!headers.stderr.contains("is not a table of fields"))
    }

    @Test func aReportThatCannotBeWrittenIsRefusedBeforeAnyRequest() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let run = [Self.recipes + "/tag-influencers.lua", "--rate", "500", "--report"]
        let noFolder = try OmneoRunBinary.run(run + ["/no/such/dir/r.csv"], in: scratch.url, environment: environment)
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("--report /no/such/dir/r.csv: the folder /no/such/dir does not exist"), "\(noFolder.stderr)")
        let folder = try OmneoRunBinary.run(run + [scratch.url.path], in: scratch.url, environment: environment)
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("--report \(scratch.url.path) is a folder; name the report file in it"), "\(folder.stderr)")
        #expect(try await sandbox.requestCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: "/no/such/dir"))
    }
}
