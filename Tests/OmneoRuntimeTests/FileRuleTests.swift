// The folder rule of omneo.csv.rows and require holds for look-alike names, and open CSV readers are bounded.
import Foundation
import Testing
@testable import OmneoRuntime

#if canImport(Glibc)
import Glibc
#endif

@Suite struct FileRuleTests {
    /// A folder and its twin: another folder on disk, the same String to Swift (canonical equivalence).
    static let twins: [(String, String)] = [
        ("K", "\u{212A}"),                 // LATIN CAPITAL K, KELVIN SIGN
        ("caf\u{E9}", "cafe\u{301}"),      // NFC, NFD
    ]

    /// `base/<folder>/recipe.lua` beside `base/<twin>/secret.csv` and `secret.lua`, and a symlink into the twin.
    struct TwinFolders {
        let fixture: RecipeFixture
        let folder: String
        let twin: String

        init(_ names: (String, String)) throws {
            fixture = try RecipeFixture()
            folder = fixture.directory.path + "/" + names.0
            twin = fixture.directory.path + "/" + names.1
            for path in [folder, twin] { #expect(mkdir(path, 0o700) == 0, "mkdir \(path)") }
            try "email\nsecret@example.com\n".write(toFile: twin + "/secret.csv", atomically: false, encoding: .utf8)
            try "return 'secret module'".write(toFile: twin + "/secret.lua", atomically: false, encoding: .utf8)
            #expect(symlink(twin + "/secret.csv", folder + "/linked.csv") == 0)
            #expect(symlink(twin + "/secret.lua", folder + "/linked.lua") == 0)
        }

        func run(_ source: String) throws -> String? {
            let name = String(folder.dropFirst(fixture.directory.path.count + 1)) + "/recipe.lua"
            return RecipeFixture.message(try fixture.run(source, name: name).outcome, in: fixture)
        }
    }

    @Test(arguments: twins)
    func aLookAlikeFolderIsNotTheRecipesFolder(_ names: (String, String)) throws {
        let folders = try TwinFolders(names)
        #expect(FileManager.default.fileExists(atPath: folders.twin + "/secret.csv"))
        for path in ["../\(names.1)/secret.csv", folders.twin + "/secret.csv", "linked.csv"] {
            let message = try #require(try folders.run("for row in omneo.csv.rows('\(path)') do print(row.email) end"))
            #expect(message.contains("is outside what recipes may read"), "\(path): \(message)")
        }
        let module = try #require(try folders.run("print(require 'linked')"))
        #expect(module.contains("module 'linked' not found"), "\(module)")
    }

    /// A file named with --arg opens that file only, not its twin in a look-alike folder.
    @Test(arguments: twins)
    func aNamedFileDoesNotOpenItsTwin(_ names: (String, String)) throws {
        let folders = try TwinFolders(names)
        let named = folders.folder + "/secret.csv"
        try "email\nnamed@example.com\n".write(toFile: named, atomically: false, encoding: .utf8)
        let fixture = try RecipeFixture()  // elsewhere: neither folder is readable as the recipe's
        let (outcome, log) = try fixture.run("""
            for row in omneo.csv.rows(omneo.args.file) do print(row.email) end
            for row in omneo.csv.rows('\(folders.twin)/secret.csv') do print(row.email) end
            """, arguments: [("file", named)])
        #expect(log == ["info: named@example.com"])
        #expect(RecipeFixture.message(outcome, in: fixture)?.contains("is outside what recipes may read") == true, "\(outcome)")
    }

    /// The real folder still reads, through its own name or a symlink that stays inside it.
    @Test(arguments: twins)
    func theRealFolderStillReads(_ names: (String, String)) throws {
        let folders = try TwinFolders(names)
        try "email\nmine@example.com\n".write(toFile: folders.folder + "/mine.csv", atomically: false, encoding: .utf8)
        #expect(symlink(folders.folder + "/mine.csv", folders.folder + "/also-mine.csv") == 0)
        let fixture = folders.fixture
        let name = names.0 + "/recipe.lua"
        let (outcome, log) = try fixture.run("""
            for row in omneo.csv.rows('mine.csv') do print(row.email) end
            for row in omneo.csv.rows('also-mine.csv') do print(row.email) end
            """, name: name)
        #expect(outcome == .finished)
        #expect(log == ["info: mine@example.com", "info: mine@example.com"])
    }

    /// 25,000 readers never iterated: each is closed once its iterator is gone, so the run never reaches the
    /// cap of open readers (which would raise) and finishes.
    @Test func readersNobodyIteratesAreClosed() throws {
        let fixture = try RecipeFixture()
        try fixture.write("data.csv", "email\na@example.com\nb@example.com\n")
        let (outcome, log) = try fixture.run("""
            for i = 1, 25000 do omneo.csv.rows("data.csv") end
            local count = 0
            for row in omneo.csv.rows("data.csv") do count = count + 1 end
            for i = 1, 100 do for row in omneo.csv.rows("data.csv") do break end end
            print(count)
            """, timeout: 60)
        #expect(outcome == .finished, "\(log)")
        #expect(log == ["info: 2"])
    }

    /// Readers a recipe keeps alive count against the cap, and the next one raises saying so.
    @Test func readersHeldOpenHitTheCap() throws {
        let fixture = try RecipeFixture()
        try fixture.write("data.csv", "email\na@example.com\n")
        let (outcome, _) = try fixture.run("""
            local held = {}
            for i = 1, 64 do held[i] = omneo.csv.rows("data.csv") end
            omneo.csv.rows("data.csv")
            """)
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:3: omneo.csv.rows: 64 CSV files are open at once, the most a run may hold"), "\(message)")
    }

    /// The loop's closing value is no handle on the reader: its metatable is hidden, so a recipe cannot
    /// point it at a module's reader (which would end that module's loop early, as if at the end of the file).
    @Test func aReadersClosingValueIsNoHandleOnIt() throws {
        let fixture = try RecipeFixture()
        try fixture.write("data.csv", "email\na@example.com\n")
        let (outcome, log) = try fixture.run("""
            local _, _, _, closer = omneo.csv.rows("data.csv")
            print(getmetatable(closer), next(closer), pcall(setmetatable, closer, {}))
            """)
        #expect(outcome == .finished)
        #expect(log.first?.hasPrefix("info: false\tnil\tfalse\t") == true, "\(log)")
    }

    /// Malformed rows still raise at the recipe's `for` line.
    @Test func malformedRowsRaiseAtTheLoop() throws {
        let fixture = try RecipeFixture()
        try fixture.write("bad.csv", "a,b\n1,2\n3\n")
        let (outcome, _) = try fixture.run("local n = 0\nfor row in omneo.csv.rows('bad.csv') do\n  n = n + 1\nend")
        #expect(RecipeFixture.message(outcome, in: fixture) == "DIR/recipe.lua:2: bad.csv:3: row has 1 fields, the header has 2")
    }
}
