// Mistakes caught before the first request (issue 18, point 3), a repeated --arg, and `RECIPE.lua --help`,
// through the built binary as a user runs it. Requests are counted by a standalone sandbox tenant.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct EarlyMistakeCommandTests {
    static var recipes: String { RunCommandTests.recipes }

    /// `X.lua` in a scratch folder, run against a fresh standalone sandbox; also what that tenant was asked.
    static func run(_ source: String, _ extra: [String] = []) async throws -> (result: BinaryResult, asked: [String: Int]) {
        let scratch = try Scratch()
        try scratch.write("X.lua", source)
        let sandbox = try SandboxProcess()
        let result = try OmneoRunBinary.run(["run", "X.lua", "--timeout", "20"] + extra, in: scratch.url,
                                            environment: sandbox.environment(state: scratch.url))
        return (result, try await sandbox.requestsByEndpoint())
    }

    /// stderr's lines less the run's first line (`run ID: X.lua on tenant ...`, said before any request).
    static func lines(_ result: BinaryResult) -> [String] {
        result.stderr.split(separator: "\n").map(String.init).filter { !($0.hasPrefix("run ") && $0.contains(" on tenant ")) }
    }

    @Test func anUnknownOmneoNameStopsTheRunBeforeAnyRequest() async throws {
        let (result, asked) = try await Self.run("""
            local n = 0
            for p in omneo.profiles.each{} do n = n + 1 end
            omneo.profile_statuses.remov({ "p1" }, { "vip" })
            prnt(n)
            """)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.lines(result).prefix(3) == [
            "X.lua:3: unknown name 'omneo.profile_statuses.remov' (did you mean 'omneo.profile_statuses.remove'?)",
            "X.lua:4: unknown global 'prnt' (did you mean 'print'?)",
            "X.lua was not run (nothing was asked of the tenant): fix the 2 mistakes above first; `omneo-run check X.lua` finds these without running",
        ], "\(result.stderr)")
        #expect(asked.isEmpty, "\(asked)")
        #expect(!result.stderr.contains("done") && !result.stderr.contains("journal:"), "\(result.stderr)")
    }

    @Test func aGlobalAssignedIsAWarningAndTheRecipeRuns() async throws {
        let (result, _) = try await Self.run("function greet() return 'hi' end\nprint(greet())")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.lines(result).first == "warn: X.lua:1: assignment to undeclared global 'greet' (declare it with 'local function')")
        #expect(result.stderr.contains("info: hi"))
    }

    @Test func aStatusHandleInAFilterIsCheckedBeforeAnyProfileIsRead() async throws {
        let (result, asked) = try await Self.run("""
            local n = 0
            for p in omneo.profiles.each{ ["statuses.handle"] = "staf" } do n = n + 1 end
            omneo.log.info("%d profiles", n)
            """)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(Self.lines(result).first == "X.lua:2: unknown status 'staf' (did you mean 'staff'?)", "\(result.stderr)")
        #expect(asked["GET /v3/profiles"] == nil, "\(asked)")
        #expect(!result.stderr.contains("profiles\n") && !result.stderr.contains("done in"), "\(result.stderr)")
        #expect(result.stderr.contains("failed after"), "\(result.stderr)")
    }

    /// `VIP` is told `vip` in a filter, a lookup, a require and a write, and the write sends nothing.
    @Test(arguments: [
        "omneo.profiles.find{ [\"statuses.handle\"] = { \"gold\", \"VIP\" } }",
        "local s, err = omneo.statuses.get(\"VIP\")\nerror(err)",
        "omneo.statuses.require(\"gold\", \"VIP\")",
        "omneo.profile_statuses.add({ \"p1\" }, { \"VIP\" })",
        "omneo.profile_statuses.set(\"p1\", { \"VIP\" })",
    ])
    func aCaseOnlyDifferenceIsSuggestedWhereverHandlesAreChecked(_ source: String) async throws {
        let (result, asked) = try await Self.run(source)
        #expect(result.status == 1, "\(result.stderr)")
        let line = source.contains("\n") ? 2 : 1
        #expect(Self.lines(result).first == "X.lua:\(line): unknown status 'VIP' (did you mean 'vip'? status handles are case-sensitive)",
                "\(result.stderr)")
        #expect(asked.keys.filter { !$0.hasPrefix("GET") }.isEmpty && asked["GET /v3/profiles"] == nil, "\(asked)")
    }

    /// A bad `--arg status=` is raised at the recipe's line (not omneo.assign's) and names the --arg it came from.
    @Test func aBadStatusArgumentSaysWhichArgGaveIt() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--dry-run", "--arg", "status=VIP", "--arg", "file=data/vip-campaign.csv"],
            environment: sandbox.environment(state: scratch.url))
        #expect(result.status == 1, "\(result.stderr)")
        let message = try #require(Self.lines(result).first { $0.contains("unknown status") }, "\(result.stderr)")
        #expect(message == Self.recipes + "/assign-status.lua:9: unknown status 'VIP' (did you mean 'vip'? status handles are "
            + "case-sensitive) (given as --arg status=VIP)")
        #expect(try await sandbox.requestsByEndpoint()["GET /v3/profiles"] == nil)
        #expect(Self.lines(result).contains { $0.hasPrefix("dry run failed after ") }, "\(result.stderr)")
        #expect(!Self.lines(result).contains { $0.contains("done in") || $0.contains("nothing would change") }, "\(result.stderr)")
    }

    /// A real run checks the handle alongside its first reads (one round trip, not two): an unknown one
    /// still raises at the recipe's line, stops the lookups early and sends no batch.
    @Test func anUnknownHandleInARealRunStopsTheLookupsAndWritesNothing() async throws {
        let scratch = try Scratch()
        let emails = (1...400).map { "nobody-\($0)@example.com" }.joined(separator: "\n")
        try scratch.write("emails.csv", "email\n" + emails + "\n")
        let sandbox = try SandboxProcess()
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--arg", "status=VIP", "--arg", "file=emails.csv", "--resolve", "lookups"],
            in: scratch.url, environment: sandbox.environment(state: scratch.url))
        #expect(result.status == 1, "\(result.stderr)")
        let message = try #require(Self.lines(result).first { $0.contains("unknown status") }, "\(result.stderr)")
        #expect(message == Self.recipes + "/assign-status.lua:9: unknown status 'VIP' (did you mean 'vip'? status handles are "
            + "case-sensitive) (given as --arg status=VIP)")
        let asked = try await sandbox.requestsByEndpoint()
        #expect(asked.keys.allSatisfy { $0.hasPrefix("GET") }, "\(asked)")
        // At the client's 5 requests/s, the lookups the status list's round trip lets out are a handful.
        #expect((asked["GET /v3/profiles"] ?? 0) < 200, "\(asked)")
    }

    @Test func missingParametersAreAllNamedAtOnceWithExitTwo() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess()
        let result = try OmneoRunBinary.run([Self.recipes + "/assign-status.lua"], environment: sandbox.environment(state: scratch.url))
        #expect(result.status == 2, "\(result.stderr)")
        #expect(Self.lines(result).first == "omneo-run: " + Self.recipes
            + "/assign-status.lua:3: missing required parameters 'file' and 'status': pass --arg file=VALUE --arg status=VALUE",
            "\(result.stderr)")
        #expect(try await sandbox.requestCount() == 0)
        #expect(!result.stderr.contains("stack traceback") && !result.stderr.contains("resume"), "\(result.stderr)")
        #expect(result.stderr.contains("failed after"), "\(result.stderr)")

        let several = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--arg", "min_folowers=10", "--arg", "min_followers=many"],
            environment: sandbox.environment(state: scratch.url))
        #expect(several.status == 2, "\(several.stderr)")
        #expect(several.stderr.contains("tag-influencers.lua:4: 2 problems with the --arg parameters"), "\(several.stderr)")
        #expect(several.stderr.contains("\n\tunknown parameter 'min_folowers' given with --arg (did you mean 'min_followers'?)"))
        #expect(several.stderr.contains("\n\tparameter 'min_followers' must be a number, got 'many' (from --arg min_followers=many)"))
    }

    /// Misuse is shown at the recipe's line: never the host's glue (`[omneo]:3:`) or a stdlib module's line.
    @Test(arguments: [
        ("omneo.statuses.require(42)", "X.lua:1: bad argument #1 to 'omneo.statuses.require' (string expected, got number)"),
        ("print(omneo.profiles.find_one{ email = 12345 })",
         "X.lua:1: bad argument #1 to 'omneo.profiles.find_one' (filter 'email' must be a string, got number 12345)"),
        ("local assign = require 'omneo.assign'\nassign('nope.csv', 'vip')", "X.lua:2: omneo.assign: cannot open 'nope.csv': no such file"),
        ("local assign = require 'omneo.assign'\nassign({ 'a@example.com' }, 'vip', { chunk = 900 })",
         "X.lua:2: chunk must be between 1 and 500, got 900"),
        ("omneo.log.info('%d', 'many')", "X.lua:1: omneo.log.info: bad argument #2 to 'string.format'"),
    ] as [(String, String)])
    func misuseIsReportedAtTheRecipesLine(_ source: String, _ expected: String) async throws {
        let (result, asked) = try await Self.run(source)
        #expect(result.status == 1, "\(result.stderr)")
        let message = try #require(Self.lines(result).first { $0.hasPrefix("X.lua:") }, "\(result.stderr)")
        #expect(message.hasPrefix(expected), "\(message)")
        #expect(!Self.lines(result).contains { $0.hasPrefix("[omneo]") || $0.contains("assign.lua:") && !$0.hasPrefix("\t") })
        #expect(asked["GET /v3/profiles"] == nil, "\(asked)")
    }

    /// `omneo.test.run` lints the recipe it runs, as `run` does: the test sees the lint's message, and no request.
    @Test func aTestedRecipeIsLintedFirstToo() throws {
        let scratch = try Scratch()
        try scratch.write("typo.lua", "omneo.statuses.list()\nomneo.statuses.requir('vip')")
        try scratch.write("typo_test.lua", """
            omneo.test.case("a typo stops the recipe before it starts", function()
              local r = omneo.test.run("typo.lua")
              omneo.test.expect(r.ok).to_be(false)
              omneo.test.expect(r.error).to_contain("typo.lua:2: unknown name 'omneo.statuses.requir' (did you mean 'omneo.statuses.require'?)")
              omneo.test.expect(r.requests).to_be(0)
            end)
            """)
        let result = try OmneoRunBinary.run(["test", "typo_test.lua"], in: scratch.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("1 passed, 0 failed"), "\(result.stdout)\(result.stderr)")
    }

    @Test func aRepeatedArgIsAUsageErrorNamingTheKey() throws {
        let result = try OmneoRunBinary.run([Self.recipes + "/assign-status.lua", "--sandbox", "--arg", "status=vip",
                                             "--arg", "file=data/vip-campaign.csv", "--arg", "status=gold"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--arg status is given twice (status=vip, then status=gold): a parameter takes one value, "
            + "so give --arg status once"), "\(result.stderr)")
        #expect(!result.stderr.contains("sandbox tenant on"), "\(result.stderr)")
    }

    @Test func recipeHelpListsItsParameters() throws {
        for arguments in [[Self.recipes + "/assign-status.lua", "--help"], ["run", Self.recipes + "/assign-status.lua", "--sandbox", "-h"]] {
            let result = try OmneoRunBinary.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "The documented bulk flow: add one status to every email of a CSV, keeping their other statuses.")
            let parameters = try #require(lines.firstIndex(of: "PARAMETERS (each given as --arg KEY=VALUE):"), "\(result.stdout)")
            #expect(Array(lines[(parameters + 1)...].prefix(3)) == [
                "  file    string, required         CSV whose email column holds the addresses",
                "  status  string, required         the status handle to add",
                "  column  string, default \"email\"  the column holding the addresses",
            ], "\(result.stdout)")
        }
        let tag = try OmneoRunBinary.run([Self.recipes + "/tag-influencers.lua", "--help"])
        #expect(tag.stdout.contains("  min_followers  number, default 10000"), "\(tag.stdout)")
        let general = try OmneoRunBinary.run(["run", "--help"])
        #expect(general.status == 0 && general.stdout.contains("--arg <KEY=VALUE>"), "\(general.stdout)")
    }

    @Test func recipeHelpSaysWhenParametersCannotBeListed() throws {
        let scratch = try Scratch()
        try scratch.write("none.lua", "-- Counts the tenant's statuses.\nprint(#omneo.args)")
        try scratch.write("late.lua", "local list = omneo.statuses.list()\nlocal p = omneo.params{ n = { type = 'integer' } }")
        try scratch.write("bare.lua", "local p = omneo.params{ n = { type = 'integer' } }")
        let none = try OmneoRunBinary.run(["none.lua", "--help"], in: scratch.url)
        #expect(none.status == 0 && none.stdout.hasPrefix("Counts the tenant's statuses.\n"), "\(none.stdout)")
        #expect(none.stdout.contains("This recipe declares no parameters (it does not call omneo.params)."), "\(none.stdout)")
        let late = try OmneoRunBinary.run(["late.lua", "--help"], in: scratch.url)
        #expect(late.status == 1 && late.stderr.contains("late.lua asks the tenant for something before it calls omneo.params"),
                "\(late.stderr)")
        let bare = try OmneoRunBinary.run(["bare.lua", "-h"], in: scratch.url)
        #expect(bare.status == 0 && bare.stdout.hasPrefix("USAGE: omneo-run bare.lua"), "\(bare.stdout)")
        #expect(bare.stdout.contains("\n  n  integer\n"), "\(bare.stdout)")
    }
}

extension SandboxProcess {
    /// What the tenant was asked, by endpoint (`GET /v3/profiles`: 2).
    func requestsByEndpoint() async throws -> [String: Int] {
        let base = url.hasSuffix("/api") ? String(url.dropLast(4)) : url
        let (data, _) = try await URLSession.shared.data(from: URL(string: base + "/_sandbox/stats")!)
        let stats = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((stats?["by_endpoint"] as? [String: Any]) ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}
