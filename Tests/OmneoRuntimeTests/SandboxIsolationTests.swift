// What one chunk (recipe, library module, stdlib module) shares with the others it cannot change for them:
// string methods, environment metatables, package.loaded, the omneo API and the modules' tables.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct SandboxIsolationTests {
    /// Each write to a shared table raises at the recipe's line, naming what is read-only.
    @Test(arguments: [
        ("getmetatable('').__index.lower = function() return 'x' end",
         "cannot set the string library behind string methods.lower: the string library behind string methods is read-only in recipes"),
        ("rawset(getmetatable('').__index, 'lower', print)", "the string library behind string methods is read-only in recipes"),
        ("getmetatable('').__index = {}", "the string metatable is read-only in recipes"),
        ("package.loaded['omneo.emails'] = { normalise = function() return 'x' end }",
         "cannot set package.loaded[\"omneo.emails\"]: package.loaded is read-only in recipes (a module is loaded once"),
        ("package.path = '/etc/?'", "cannot set package.path: package is read-only in recipes"),
        ("require('omneo.emails').normalise = function() return 'x' end",
         "cannot set module 'omneo.emails'.normalise: module 'omneo.emails' is read-only in recipes"),
        ("omneo.report.row = function() end",
         "cannot set omneo.report.row: omneo.report is read-only in recipes (the omneo API is shared by the recipe and every module"),
        ("omneo.log = nil", "cannot set omneo.log: omneo is read-only in recipes"),
        ("omneo.args.file = '/etc/passwd'", "cannot set omneo.args.file: omneo.args is read-only in recipes"),
        ("rawset(omneo.report, 'row', print)", "omneo.report is read-only in recipes"),
        ("setmetatable(omneo.profiles, {})", "omneo.profiles is read-only in recipes"),
    ] as [(String, String)])
    func writesToSharedTablesRaise(_ code: String, _ expected: String) throws {
        let fixture = try RecipeFixture()
        let message = try #require(RecipeFixture.message(try fixture.run(code).outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1: "), "\(message)")
        #expect(message.contains(expected), "\(message)")
    }

    /// A write from the table library raises too (at table.insert, so the traceback names the recipe's line).
    @Test func libraryFunctionsCannotWriteThroughAView() throws {
        let fixture = try RecipeFixture()
        let message = try #require(RecipeFixture.message(try fixture.run("table.insert(omneo.args, 1)").outcome, in: fixture))
        #expect(message == "cannot set omneo.args[1]: omneo.args is read-only in recipes (the omneo API is shared by the recipe "
            + "and every module it requires; wrap a function in a local of your own instead of replacing it)")
    }

    @Test func stringMethodsCannotBeChangedUnderAModule() throws {
        let fixture = try RecipeFixture()
        try fixture.write("lower.lua", "return function(s) return s:lower() end")
        let (outcome, log) = try fixture.run("""
            local methods = getmetatable("").__index
            print(pcall(function() methods.lower = function() return "anyone@example.com" end end))
            print(pcall(rawset, methods, "lower", print), rawget(methods, "lower"))
            string.lower = function() return "mine" end  -- this chunk's own copy
            print(require("omneo.emails").normalise(" Jane@Example.COM "), require("lower")("ABC"), ("XY"):lower())
            """)
        #expect(outcome == .finished)
        #expect(log.count == 3)
        #expect(log.first?.contains("recipe.lua:2: cannot set the string library behind string methods.lower") == true, "\(log)")
        #expect(log.last == "info: jane@example.com\tabc\txy")
    }

    @Test func everyEnvironmentHasAMetatableOfItsOwn() throws {
        let fixture = try RecipeFixture()
        try fixture.write("reader.lua", "return { setting = function() return tostring(setting) end, meta = getmetatable(_ENV) }")
        let (outcome, log) = try fixture.run("""
            local stolen
            getmetatable(_ENV).__index = function(env, key) stolen = env return "forged" end
            local reader = require "reader"
            print(reader.setting(), stolen == nil, rawequal(reader.meta, getmetatable(_ENV)), unknown_here)
            """)
        #expect(outcome == .finished)
        #expect(log == ["info: nil\ttrue\tfalse\tforged"])
    }

    @Test func aPlantedModuleNeverReachesALibrary() throws {
        let fixture = try RecipeFixture()
        try fixture.write("lib/checker.lua", """
            local emails = require "omneo.emails"
            return function(address) return (emails.is_valid(emails.normalise(address))) end
            """)
        let (outcome, log) = try fixture.run("""
            local fake = { normalise = function() return "ok@example.com" end, is_valid = function() return true end }
            print(pcall(function() package.loaded["omneo.emails"] = fake end))
            print(pcall(function() require("omneo.emails").is_valid = fake.is_valid end))
            local check = require "checker"
            print(check("not an address"), check("Jane@Example.com"), package.loaded["omneo.emails"] == require "omneo.emails")
            """, libraries: [fixture.directory.appendingPathComponent("lib").path])
        #expect(outcome == .finished)
        #expect(log.count == 3)
        #expect(log.prefix(2).allSatisfy { $0.hasPrefix("info: false\t") && $0.contains("is read-only in recipes") }, "\(log)")
        #expect(log.last == "info: false\ttrue\ttrue")
    }

    /// The stdlib's omneo.assign writes its report rows through omneo.report.row: a recipe cannot take it away.
    @Test func theOmneoAPICannotBeReplacedUnderTheStdlib() throws {
        let fixture = try RecipeFixture()
        try fixture.write("lib/reporter.lua", "return function() omneo.log.info('logged by the module') end")
        let (outcome, log) = try fixture.run("""
            local silent = function() end
            print(pcall(function() omneo.report.row = silent end))
            print(pcall(function() omneo.log.info = silent end))
            print(pcall(rawset, omneo.log, "info", silent))
            print(pcall(setmetatable, omneo, { __index = function() return silent end }))
            require("reporter")()
            """, libraries: [fixture.directory.appendingPathComponent("lib").path])
        #expect(outcome == .finished)
        #expect(log.count == 5)
        #expect(log.prefix(4).allSatisfy { $0.hasPrefix("info: false\t") && $0.contains("is read-only in recipes") }, "\(log)")
        #expect(log.last == "info: logged by the module")
    }

    /// A view reads like the table it shows: fields, pairs, ipairs, #, a call, and as data to Swift.
    @Test func readOnlyViewsReadLikeTheirTables() throws {
        let fixture = try RecipeFixture()
        try fixture.write("list.lua", "return setmetatable({ 'a', 'b', nested = { 1, 2 } }, { __call = function(_, x) return x * 2 end })")
        let (outcome, log) = try fixture.run("""
            local list = require "list"
            local names = {}
            for name in pairs(omneo.log) do names[#names + 1] = name end
            table.sort(names)
            local items = {}
            for i, v in ipairs(list) do items[i] = v end
            print(table.concat(names, ","), #list, table.concat(items, ","), list(21), list.nested[2], require "list" == list)
            print(omneo.json.encode(omneo.args), omneo.json.encode({ list = list.nested }), getmetatable(omneo))
            """, arguments: [("file", "x.csv")])
        #expect(outcome == .finished)
        #expect(log == ["info: debug,error,info,warn\t2\ta,b\t42\t2\ttrue", #"info: {"file":"x.csv"}"# + "\t" + #"{"list":[1,2]}"# + "\tfalse"])
    }
}
