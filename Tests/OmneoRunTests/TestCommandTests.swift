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

    @Test func noTestFilesIsAUsageError() throws {
        let scratch = try Scratch()
        let result = try OmneoRunBinary.run(["test", "."], in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no *_test.lua files"))
    }
}
