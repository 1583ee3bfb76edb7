// Files and columns through the real binary (issue 18, points 4 and 8): a missing column named with the
// file's own, ';'-separated and binary files told apart, `~`, bare-CR line ends, `check`/`test` on folders.
import Foundation
import Testing

@Suite struct FilesAndColumnsCommandTests {
    static var recipes: String { RunCommandTests.recipes }

    @Test func anUnknownColumnNamesTheFilesColumnsAtTheRecipesLineAndOptionalOnesReadNil() throws {
        let scratch = try Scratch()
        try scratch.write("people.csv", "email,Full Name\nann@example.com,Ann\n")
        let recipe = try scratch.write("peek.lua", """
            for row in omneo.csv.rows("people.csv", { optional = { "phone" } }) do print("phone: " .. tostring(row.phone)) end
            for row in omneo.csv.rows("people.csv") do
              print(row.fullname)
            end
            """)
        let result = try OmneoRunBinary.run([recipe], in: scratch.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("info: phone: nil"), "\(result.stderr)")
        #expect(result.stderr.contains(
            "peek.lua:3: people.csv has no column 'fullname' (did you mean 'Full Name'?); its columns are: 'email', 'Full Name'"),
            "\(result.stderr)")

        let required = try scratch.write("needs.lua", "for row in omneo.csv.rows('people.csv', { columns = { 'email', 'followers' } }) do end\n")
        let missing = try OmneoRunBinary.run([required], in: scratch.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("needs.lua:1: people.csv has no column 'followers'; its columns are: 'email', 'Full Name'"), "\(missing.stderr)")
    }

    @Test func aSemicolonSeparatedFileIsToldApart() throws {
        let scratch = try Scratch()
        let file = try scratch.write("vips.csv", "email;first_name\nwilliam.thompson0@example.com;Will\n")
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=" + file])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("assign-status.lua:9: omneo.assign: \(file) has no column 'email': this file looks separated by ';', not by commas (its header row is one column, 'email;first_name')"), "\(result.stderr)")
        #expect(result.stderr.contains("omneo.csv.rows(path, {separator = \";\"})"))

        let reading = try scratch.write("semi.lua", "for row in omneo.csv.rows(omneo.args.file, { separator = ';' }) do print(row.first_name) end\n")
        let read = try OmneoRunBinary.run([reading, "--arg", "file=" + file], in: scratch.url)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("info: Will"))
    }

    @Test func tildeIsTheHomeFolderInArgumentsAndTheReport() throws {
        let home = try Scratch()
        try home.write("exports/vips.csv", "email\nwilliam.thompson0@example.com\n")
        let elsewhere = try Scratch()
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=~/exports/vips.csv",
             "--report", "~/vip-report.csv"],
            in: elsewhere.url, environment: ["HOME": home.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("dry run: vip: would add to 1 profile"), "\(result.stderr)")
        let report = try String(contentsOfFile: home.url.appendingPathComponent("vip-report.csv").path, encoding: .utf8)
        #expect(report.contains("2,william.thompson0@example.com,william.thompson0@example.com,"), "\(report)")
    }

    @Test func checkAndTestTakeFoldersAndTestFindsTheTestsOfARecipeFolder() throws {
        let scratch = try Scratch()
        try scratch.write("team/greet.lua", "omneo.log.info('hi')\n")
        try scratch.write("team/nested/typo.lua", "prnt('hi')\n")
        try scratch.write("team/nested/greet_test.lua", "omneo.test.case('greets', function() omneo.test.expect(1).to_be(1) end)\n")
        try scratch.write("team/.hidden/broken.lua", "local = 1\n")
        let check = try OmneoRunBinary.run(["check", "team"], in: scratch.url)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stderr.contains("team/nested/typo.lua:1: unknown global 'prnt' (did you mean 'print'?)"), "\(check.stderr)")
        #expect(check.stderr.contains("1 problem in 3 files"), "\(check.stderr)")

        let test = try OmneoRunBinary.run(["test"], in: scratch.url.appendingPathComponent("team"))
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("ok    ./nested/greet_test.lua: greets"), "\(test.stdout)")

        let missing = try OmneoRunBinary.run(["check", "no-such-folder"], in: scratch.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("omneo-run check: no such file or folder 'no-such-folder'"))
        let missingTest = try OmneoRunBinary.run(["test", "no-such-folder"], in: scratch.url)
        #expect(missingTest.status == 2)
        #expect(missingTest.stderr.contains("omneo-run test: no such file or folder 'no-such-folder'"))
    }

    /// An old Mac export ends its lines with CR alone: every row still gets its own line number.
    @Test func bareCRLineEndsNumberEveryRow() throws {
        let scratch = try Scratch()
        let file = try scratch.write("mac.csv", "email\rwilliam.thompson0@example.com\rnobody.here@example.com\r\"broken\r")
        let report = scratch.url.appendingPathComponent("report.csv").path
        let broken = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=" + file])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(file):4: a quoted field is never closed (it opens on line 4)"), "\(broken.stderr)")

        try scratch.write("mac.csv", "email\rwilliam.thompson0@example.com\rnobody.here@example.com\r")
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=" + file, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.map { $0.split(separator: ",").first.map(String.init) } == ["2", "3"], "\(rows)")
        #expect(rows.last?.hasSuffix("not_found,,row 3: no profile has this email") == true, "\(rows)")
    }

    @Test func aBinaryFileIsRefusedAsNotACSV() throws {
        let scratch = try Scratch()
        let file = scratch.url.appendingPathComponent("photo.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: file)
        let noNewline = scratch.url.appendingPathComponent("blob.bin")
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x41, 0x42, 0x43, 0x00, 0xFF]).write(to: noNewline)
        for path in [file.path, noNewline.path] {
            let result = try OmneoRunBinary.run(
                [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=" + path])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("omneo.assign: \(path) is not a CSV file: its first line holds binary data"), "\(result.stderr)")
            #expect(!result.stderr.contains("resolved 0 emails"), "\(result.stderr)")
        }
    }
}
