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
        #expect(message == "DIR/recipe.lua:1: '/etc/passwd' is outside the folders recipes may read "
            + "(the recipe's folder, the current directory and --lib folders)")
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
