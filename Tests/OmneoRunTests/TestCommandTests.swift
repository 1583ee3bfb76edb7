// `omneo-run test`: one line per case, failures with file:line, the closing count, the exit code.
import Foundation
import Testing

@Suite struct TestCommandTests {
    static let fixture = #"{"statuses":[{"handle":"vip"},{"handle":"staff"}],"profiles":[{"id":"p1","email":"a@example.com","statuses":["staff"]}]}"#

    @Test func passingAndFailingCasesAreCountedAndTheFailureIsLocated() throws {
        let scratch = try Scratch()
        try scratch.write("tenants.json", Self.fixture)
        try scratch.write("checks_test.lua", """
            local expect = omneo.test.expect
            omneo.test.case("adds", function()
              omneo.profile_statuses.add({"p1"}, {"vip"}):wait(5)
              expect(omneo.test.profile("p1").statuses).to_be({"staff", "vip"})
            end)
            omneo.test.case("fails", function()
              expect({a = 1}).to_be({a = 2})
            end)
            """)
        let result = try OmneoRunBinary.run(["test", "checks_test.lua", "--tenant-fixture", "tenants.json"], in: scratch.url)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ok    checks_test.lua: adds (") == true)
        #expect(lines.contains("FAIL  checks_test.lua: fails"))
        #expect(lines.contains("      checks_test.lua:7: tables differ:"))
        #expect(lines.contains("        .a: expected 2, got 1"))
        #expect(lines.last == "1 passed, 1 failed")
    }

    @Test func filterRunsOnlyMatchingCases() throws {
        let scratch = try Scratch()
        try scratch.write("a_test.lua", """
            omneo.test.case("one", function() end)
            omneo.test.case("two", function() error("not run") end)
            """)
        let result = try OmneoRunBinary.run(["test", ".", "--filter", "one"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
    }

    @Test func aFileThatCannotRunIsAFailure() throws {
        let scratch = try Scratch()
        try scratch.write("broken_test.lua", "omneo.test.case('x', function() end)\nlocal = 1\n")
        let result = try OmneoRunBinary.run(["test", "."], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  ./broken_test.lua: (file)"))
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    /// omneo.test.run loads recipes by require's folder rule: the test's folder, --lib folders and the stdlib.
    /// A path outside (absolute, `../`, a symlink out) fails the case at its line, and no line of the file
    /// it names is ever printed (a syntax error used to show `/etc/passwd:1: ...`).
    @Test func testRunStaysInsideTheAllowedFolders() throws {
        let scratch = try Scratch()
        try scratch.write("outside.lua", "root:x:0:0:root:/root:/bin/bash\n")
        try scratch.write("tests/inside.lua", "print('inside ran')")
        try scratch.write("tests/sub/empty.lua", "")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.path + "/tests/link.lua", withDestinationPath: scratch.url.path + "/outside.lua")
        try scratch.write("tests/runs_test.lua", """
            local expect = omneo.test.expect
            for _, path in ipairs({"/etc/passwd", "../outside.lua", "\(scratch.url.path)/outside.lua", "link.lua", "sub/../../outside.lua"}) do
              omneo.test.case(path, function() omneo.test.run(path) end)
            end
            omneo.test.case("inside", function() expect(omneo.test.run("inside.lua").log).to_be({"info: inside ran"}) end)
            """)
        let result = try OmneoRunBinary.run(["test", "tests"], in: scratch.url)
        #expect(result.status == 1)
        #expect(!result.stdout.contains("root:x") && !result.stdout.contains("/bin/bash") && !result.stdout.contains("near"), "\(result.stdout)")
        #expect(result.stdout.contains("tests/runs_test.lua:3: omneo.test.run: '/etc/passwd' is not a .lua file"), "\(result.stdout)")
        for path in ["../outside.lua", "link.lua", "sub/../../outside.lua"] {
            #expect(result.stdout.contains("tests/runs_test.lua:3: omneo.test.run: '\(path)' is outside the folders recipes and modules are loaded from"), "\(path)")
        }
        #expect(result.stdout.hasSuffix("1 passed, 5 failed\n"), "\(result.stdout)")
    }

    @Test func noTestFilesIsAUsageError() throws {
        let scratch = try Scratch()
        let result = try OmneoRunBinary.run(["test", "."], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no *_test.lua files"))
    }
}
