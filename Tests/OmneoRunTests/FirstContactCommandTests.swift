// A new user's first commands through the real binary: --version, `tenants` with no config, and
// `omneo-run init` making a folder whose test passes (issue 18, point 9).
import Foundation
import Testing

struct FirstContactCommandTests {
    /// No tenant from the environment or a config the test machine may have.
    static func bare(_ scratch: Scratch) -> [String: String] {
        ["XDG_CONFIG_HOME": scratch.url.appendingPathComponent("config").path, "OMNEO_CONFIG": "", "OMNEO_BASE_URL": "", "OMNEO_TOKEN": "", "OMNEO_TENANT": ""]
    }

    @Test func versionIsPrintedAsOmneoRunAndANumber() throws {
        let result = try OmneoRunBinary.run(["--version"])
        #expect(result.status == 0)
        let words = result.stdout.split(separator: " ")
        #expect(words.first == "omneo-run" && words.count == 2, "\(result.stdout)")
        #expect(words.last.map { $0.dropLast().split(separator: ".").allSatisfy { Int($0) != nil } } == true, "\(result.stdout)")
    }

    /// stdout is a tenants.toml ready to save where stderr says (the XDG folder here), and saved there it
    /// is the config omneo-run reads; stderr also offers the environment and --sandbox.
    @Test func tenantsWithoutAConfigPrintsAFileToSaveAndMentionsTheSandbox() throws {
        let scratch = try Scratch()
        let environment = Self.bare(scratch)
        let first = try OmneoRunBinary.run(["tenants"], in: scratch.url, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let target = scratch.url.appendingPathComponent("config/omneo/tenants.toml").path
        #expect(first.stderr.contains("Save this as \(target)"), "\(first.stderr)")
        #expect(first.stderr.contains("--sandbox") && first.stderr.contains("OMNEO_BASE_URL"), "\(first.stderr)")
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try first.stdout.write(toFile: target, atomically: true, encoding: .utf8)
        let saved = try OmneoRunBinary.run(["tenants"], in: scratch.url, environment: environment.merging(["OMNEO_TOKEN_ACME": "tok"]) { $1 })
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout == "acme  https://api.acme.getomneo.com/api  token: $OMNEO_TOKEN_ACME\n", "\(saved.stdout)")
        // $OMNEO_CONFIG naming a file not made yet: the same help, for that file.
        let named = scratch.url.appendingPathComponent("mine.toml").path
        let missing = try OmneoRunBinary.run(["tenants"], in: scratch.url, environment: environment.merging(["OMNEO_CONFIG": named]) { $1 })
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Save this as \(named)") && missing.stdout == first.stdout, "\(missing.stderr)")
    }

    /// The folder's own test passes under `omneo-run test DIR`, its files lint clean, its recipe runs on the
    /// sandbox, and .luarc.json names the folder that holds the `omneo` definitions.
    @Test func initMakesAFolderWhoseTestPassesAndNeverOverwrites() throws {
        let scratch = try Scratch()
        let environment = Self.bare(scratch)
        let made = try OmneoRunBinary.run(["init", "campaign"], in: scratch.url, environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("made campaign: example.lua, example_test.lua, data/example.csv, .luarc.json, README.md\n"), "\(made.stdout)")
        let folder = scratch.url.appendingPathComponent("campaign")
        let luarc = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(".luarc.json"))) as? [String: Any]
        let library = try #require(luarc?["workspace.library"] as? [String])
        let meta = try #require(library.first { $0.hasSuffix("/_meta") })
        #expect(FileManager.default.fileExists(atPath: meta + "/omneo.lua"), "\(library)")
        let test = try OmneoRunBinary.run(["test", "campaign"], in: scratch.url, environment: environment)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("3 passed, 0 failed"), "\(test.stdout)")
        let check = try OmneoRunBinary.run(["check", "example.lua", "example_test.lua"], in: folder, environment: environment)
        #expect(check.status == 0, "\(check.stderr)")
        let run = try OmneoRunBinary.run(["example.lua", "--sandbox", "--dry-run"], in: folder, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("would_add 1"), "\(run.stderr)")

        // Again over the same folder: refused, naming what is there, and nothing changes.
        try "my own notes".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let again = try OmneoRunBinary.run(["init", "campaign"], in: scratch.url, environment: environment)
        #expect(again.status == 2)
        #expect(again.stderr.contains("campaign already has example.lua, example_test.lua, data/example.csv, .luarc.json, README.md; nothing was written"), "\(again.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8) == "my own notes")

        // A folder with other files is fine; one clash and nothing at all is written.
        let other = try Scratch()
        try other.write("notes.txt", "x")
        #expect(try OmneoRunBinary.run(["init"], in: other.url, environment: environment).status == 0)
        let clash = try Scratch()
        try clash.write("README.md", "mine")
        let refused = try OmneoRunBinary.run(["init", "."], in: clash.url, environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains(". already has README.md;"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: clash.url.appendingPathComponent("example.lua").path))
    }
}
