// Misuse of what chunks share, files and recipe text, through the real binary as a user runs it:
// `omneo-run run X.lua --sandbox --timeout 2 --max-memory 64`. Each stops at its line with exit 1.
import Foundation
import Testing

@Suite struct SandboxMisuseCommandTests {
    static func run(_ source: String, in scratch: Scratch, extra: [String] = []) throws -> BinaryResult {
        try scratch.write("X.lua", source)
        return try OmneoRunBinary.run(["run", "X.lua", "--sandbox", "--timeout", "2", "--max-memory", "64"] + extra, in: scratch.url)
    }

    /// The recipe's own lines of stderr: without the sandbox's banner, the traceback and the run's summary.
    static func message(_ result: BinaryResult) -> String? {
        result.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("X.lua") }
    }

    @Test(arguments: [
        ("local s = 'x'\ngetmetatable(s).__index.lower = function() return 'anyone@example.com' end",
         "X.lua:2: cannot set the string library behind string methods.lower: the string library behind string methods is read-only in recipes"),
        ("package.loaded['omneo.emails'] = { normalise = function(e) return e end }",
         "X.lua:1: cannot set package.loaded[\"omneo.emails\"]: package.loaded is read-only in recipes"),
        ("omneo.report.row = function() end", "X.lua:1: cannot set omneo.report.row: omneo.report is read-only in recipes"),
        ("local assign = require 'omneo.assign'\nassign.assign = print", "X.lua:2: cannot set module 'omneo.assign'.assign: module 'omneo.assign' is read-only in recipes"),
        ("for row in omneo.csv.rows('../\u{212A}/secret.csv') do print(row.email) end", "X.lua:1: '../\u{212A}/secret.csv' is outside what recipes may read"),
        ("local held = {}\nfor i = 1, 200 do held[i] = omneo.csv.rows('X.csv') end",
         "X.lua:2: omneo.csv.rows: 64 CSV files are open at once, the most a run may hold"),
        ("omneo.params{ x = { type = {} } }", "X.lua:1: omneo.params: parameter 'x' has a type that is a table, not a string"),
    ] as [(String, String)])
    func misuseStopsAtItsLine(_ source: String, _ expected: String) throws {
        let base = try Scratch()
        let scratch = try Scratch(at: base.url.appendingPathComponent("K"))
        try base.write("\u{212A}/secret.csv", "email\nsecret@example.com\n")
        try scratch.write("X.csv", "email\na@example.com\n")
        let result = try Self.run(source, in: scratch)
        #expect(result.status == 1, "\(result.stderr)")
        let message = try #require(Self.message(result), "\(result.stderr)")
        #expect(message.hasPrefix(expected), "\(message)")
        #expect(!result.stderr.contains("secret@example.com"))
    }

    /// A recipe that rewrites its environment's metatable changes only its own globals: a module it
    /// requires reads its own, cannot be handed the recipe's `_ENV`, and has a metatable of its own.
    @Test func anEnvironmentsMetatableIsTheChunksOwn() throws {
        let scratch = try Scratch()
        // Globals are read by computed names: the lint before the run refuses unknown names written out.
        try scratch.write("reader.lua", "local name = string.rep('setting', 1)\nreturn { setting = function() return tostring(_ENV[name]) end, meta = getmetatable(_ENV) }")
        let result = try Self.run("""
            local stolen
            getmetatable(_ENV).__index = function(env, key) stolen = env return "forged" end
            local reader = require "reader"
            local name = string.rep("unknown_here", 1)
            print(reader.setting(), stolen == nil, rawequal(reader.meta, getmetatable(_ENV)), _ENV[name])
            """, in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("info: nil\ttrue\tfalse\tforged"), "\(result.stderr)")
    }

    /// 25,000 readers never iterated (they held 19,978 files open): all closed as they go, the run ends well.
    @Test func readersNobodyIteratesDoNotPileUp() throws {
        let scratch = try Scratch()
        try scratch.write("X.csv", "email\na@example.com\n")
        let result = try Self.run("for i = 1, 25000 do omneo.csv.rows('X.csv') end\nprint(omneo.profiles.find_one{ email = 'nobody@example.com' })",
                                  in: scratch, extra: ["--timeout", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("info: nil\tnot_found"), "\(result.stderr)")
    }

    /// A NUL in a report key: the file has every row, and the journal (`omneo-run show`) the same key.
    @Test func aNulInAReportKeyKeepsEveryRow() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("report.csv").path
        let result = try Self.run("""
            omneo.report.row("first\\0@example.com", "invalid", "has a NUL")
            omneo.report.row("second@example.com", "invalid", "line\\nbreak")
            omneo.report.row("third@example.com", "skipped")
            """, in: scratch, extra: ["--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3 rows"), "\(result.stderr)")
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines == ["row,key,email,profile_id,outcome,change,detail", #",first\x00@example.com,,,invalid,,has a NUL"#,
                          #",second@example.com,,,invalid,,line\nbreak"#, ",third@example.com,,,skipped,,"])
        let run = try #require(result.stderr.firstMatch(of: /omneo-run show ([0-9a-f-]+)/)?.1)
        let show = try OmneoRunBinary.run(["show", String(run)])
        #expect(show.stdout.contains(#"first\x00@example.com"#), "\(show.stdout)")
    }

    @Test func logLinesCannotBeForged() throws {
        let scratch = try Scratch()
        let result = try Self.run(#"""
            omneo.log.info("counted\nerror: the tenant refused the token")
            print("\27[1A\27[2Kdone in 0.1 s: 0 rows")
            """#, in: scratch)
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"info: counted\nerror: the tenant refused the token"#), "\(result.stderr)")
        #expect(lines.contains(#"info: \x1b[1A\x1b[2Kdone in 0.1 s: 0 rows"#), "\(result.stderr)")
        #expect(!lines.contains { $0.hasPrefix("error:") } && !result.stderr.contains("\u{1B}"))
    }
}
