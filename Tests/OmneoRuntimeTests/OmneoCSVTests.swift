// omneo.csv.rows: RFC 4180 edge cases, streaming, and errors that name the file and line.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct OmneoCSVTests {
    private let printRows = """
        for row, line in omneo.csv.rows("data.csv") do
          print(line, omneo.json.encode(row))
        end
        """

    private func rows(_ csv: String) throws -> (RecipeOutcome, [String], RecipeFixture) {
        let fixture = try RecipeFixture()
        try fixture.write("data.csv", csv)
        let (outcome, log) = try fixture.run(printRows)
        return (outcome, log, fixture)
    }

    @Test func headerRowBecomesKeys() throws {
        let (outcome, log, _) = try rows("email,followers\na@x.com,10\nb@x.com,20\n")
        #expect(outcome == .finished)
        #expect(log == ["info: 2\t{\"email\":\"a@x.com\",\"followers\":\"10\"}",
                        "info: 3\t{\"email\":\"b@x.com\",\"followers\":\"20\"}"])
    }

    @Test func quotesEmbeddedNewlinesCRLFAndBOM() throws {
        let csv = "\u{FEFF}name,note\r\n\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n\"multi\r\nline\",x\r\nlast,\"\"\r\n"
        let (outcome, log, _) = try rows(csv)
        #expect(outcome == .finished)
        #expect(log == [
            "info: 2\t{\"name\":\"Smith, Jo\",\"note\":\"said \\\"hi\\\"\"}",
            "info: 3\t{\"name\":\"multi\\r\\nline\",\"note\":\"x\"}",
            "info: 5\t{\"name\":\"last\",\"note\":\"\"}",
        ])
    }

    @Test func noFinalNewlineAndBlankLines() throws {
        let (outcome, log, _) = try rows("a,b\n\n1,2\n\n3,4")
        #expect(outcome == .finished)
        #expect(log == ["info: 3\t{\"a\":\"1\",\"b\":\"2\"}", "info: 5\t{\"a\":\"3\",\"b\":\"4\"}"])
    }

    @Test(arguments: [
        ("a,b\n1,2\n3\n", "data.csv:3: row has 1 fields, the header has 2"),
        ("a,b\n1,2,3\n", "data.csv:2: row has 3 fields, the header has 2"),
        ("a,b\n1,\"open\n2,3\n", "data.csv:2: a quoted field is never closed (it opens on line 2)"),
        ("a,b\n1,\"x\"y\n", "data.csv:2: unexpected text after a closing quote"),
        ("a,b\n1,x\"y\n", "data.csv:2: a quote inside an unquoted field"),
        ("a,a\n1,2\n", "data.csv:1: the header row names 'a' twice"),
        ("a,,c\n1,2,3\n", "data.csv:1: column 2 of the header row has no name"),
        ("", "data.csv: the file is empty"),
    ] as [(String, String)])
    func malformedInputNamesFileAndLine(_ csv: String, _ expected: String) throws {
        let (outcome, _, fixture) = try rows(csv)
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1: ") || message.hasPrefix("DIR/recipe.lua:2: "), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    @Test func pathsOutsideTheAllowedFoldersAreRefused() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("for row in omneo.csv.rows('/etc/passwd') do end")
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message == "DIR/recipe.lua:1: '/etc/passwd' is outside what recipes may read (the recipe's folder, the current "
            + "directory, --lib and --allow-read folders, and files named with --arg): pass the file with --arg KEY=PATH, "
            + "or allow its folder with --allow-read DIR")
    }

    /// A file named by a parameter is readable alone: its neighbours, and tricks through `..` or a symlink, are not.
    @Test func aFileNamedByAParameterIsReadableAlone() throws {
        let fixture = try RecipeFixture(), elsewhere = try RecipeFixture()
        let named = try elsewhere.write("exports/vips.csv", "email\nann@example.com\n")
        try elsewhere.write("exports/neighbour.csv", "email\nbob@example.com\n")
        try elsewhere.write("exports/sub/keep.txt", "")
        try FileManager.default.createSymbolicLink(
            atPath: fixture.directory.appendingPathComponent("link.csv").path, withDestinationPath: elsewhere.directory.path + "/exports/neighbour.csv")
        let source = """
            for row in omneo.csv.rows(omneo.args.list) do print(row.email) end
            for _, path in ipairs{ "NEIGHBOUR", "EXPORTS/sub/../neighbour.csv", "link.csv" } do
              local ok, err = pcall(omneo.csv.rows, path)
              print(ok and "read " .. path or err)
            end
            """.replacingOccurrences(of: "EXPORTS", with: elsewhere.directory.path + "/exports")
            .replacingOccurrences(of: "NEIGHBOUR", with: elsewhere.directory.path + "/exports/neighbour.csv")
        let (outcome, log) = try fixture.run(source, arguments: [("list", named)])
        #expect(outcome == .finished, "\(outcome)")
        #expect(log.first == "info: ann@example.com")
        #expect(log.dropFirst().count == 3 && log.dropFirst().allSatisfy { $0.contains("is outside what recipes may read") && $0.contains("--allow-read DIR") }, "\(log)")

        let (allowed, read) = try fixture.run(source, arguments: [("list", named)], readable: [elsewhere.directory.path + "/exports"])
        #expect(allowed == .finished && read.count == 4 && read.dropFirst().allSatisfy { $0.hasPrefix("info: read ") }, "\(read)")
    }

    /// A module from a shared library reads what the recipe may, no more: an unnamed file stays refused.
    @Test func aLibraryModuleCannotReadWhatNobodyNamed() throws {
        let fixture = try RecipeFixture(), library = try RecipeFixture(), elsewhere = try RecipeFixture()
        let secret = try elsewhere.write("secret.csv", "email\nx@example.com\n")
        try library.write("peek.lua", "return function(path) for row in omneo.csv.rows(path) do return row.email end end")
        let (outcome, _) = try fixture.run("print(require('peek')('\(secret)'))", libraries: [library.directory.path])
        #expect(RecipeFixture.message(outcome, in: fixture)?.contains("'\(secret)' is outside what recipes may read") == true, "\(outcome)")
        let (named, log) = try fixture.run("print(require('peek')(omneo.args.file))", arguments: [("file", secret)], libraries: [library.directory.path])
        #expect(named == .finished && log == ["info: x@example.com"], "\(log)")
    }

    @Test func missingFileSaysWhereItLooked() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("for row in omneo.csv.rows('nope.csv') do end")
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1: cannot open 'nope.csv': no such file"))
    }

    @Test func relativePathsResolveAgainstTheRecipeFolder() throws {
        let fixture = try RecipeFixture()
        try fixture.write("sub/data/list.csv", "email\nx@y.z\n")
        let (outcome, log) = try fixture.run("for row in omneo.csv.rows('data/list.csv') do print(row.email) end",
            name: "sub/recipe.lua")
        #expect(outcome == .finished)
        #expect(log == ["info: x@y.z"])
    }

    @Test func breakingOutOfTheLoopClosesTheFile() throws {
        let fixture = try RecipeFixture()
        try fixture.write("data.csv", "n\n" + (1...1000).map(String.init).joined(separator: "\n"))
        let (outcome, log) = try fixture.run("""
            for i = 1, 2000 do
              for row in omneo.csv.rows("data.csv") do break end
            end
            print("ok")
            """)
        #expect(outcome == .finished)
        #expect(log == ["info: ok"])
    }

    @Test func largeFilesStream() throws {
        let fixture = try RecipeFixture()
        var csv = "email,followers\n"
        for i in 0..<50_000 { csv += "user\(i)@example.com,\(i)\n" }
        try fixture.write("data.csv", csv)
        let (outcome, log) = try fixture.run("""
            local n, sum = 0, 0
            for row in omneo.csv.rows("data.csv") do n = n + 1 sum = sum + tonumber(row.followers) end
            print(n, sum, collectgarbage("count") < 4096)
            """, memoryMB: 16)
        #expect(outcome == .finished)
        #expect(log == ["info: 50000\t1249975000\ttrue"])
    }
}
