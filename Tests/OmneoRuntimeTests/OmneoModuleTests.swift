// omneo.params, omneo.log, omneo.json, omneo.args and require over the search path.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct OmneoModuleTests {
    @Test func paramsAreTypedWithDefaults() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run("""
            local p = omneo.params{
              min = { type = "integer", default = 10000 }, ratio = { type = "number" },
              on = { type = "boolean", default = false }, name = { type = "string", required = true },
            }
            print(math.type(p.min), p.min, p.ratio, p.on, p.name, omneo.args.name)
            """, arguments: [("name", "vip"), ("ratio", "0.5"), ("on", "yes")])
        #expect(outcome == .finished)
        #expect(log == ["info: integer\t10000\t0.5\ttrue\tvip\tvip"])
    }

    @Test(arguments: [
        ([("n", "ten")], "DIR/recipe.lua:1: parameter 'n' must be an integer, got 'ten' (from --arg n=ten)"),
        ([], "DIR/recipe.lua:1: missing required parameter 'n': pass --arg n=VALUE"),
        ([("n", "1"), ("m", "2")], "DIR/recipe.lua:1: unknown parameter 'm' given with --arg (did you mean 'n'?); this recipe takes: n"),
    ] as [([(String, String)], String)])
    func paramErrorsNameTheParameter(_ arguments: [(String, String)], _ expected: String) throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("omneo.params{ n = { type = 'integer', required = true } }", arguments: arguments)
        #expect(RecipeFixture.message(outcome, in: fixture) == expected)
    }

    @Test func paramSpecMistakesAreReported() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("omneo.params{ n = { type = 'int' } }")
        #expect(RecipeFixture.message(outcome, in: fixture)
            == "DIR/recipe.lua:1: omneo.params: parameter 'n' has unknown type 'int' (use string, number, integer or boolean)")
    }

    @Test func logLevelsAndFormatting() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run("""
            omneo.log.debug("d %d", 1) omneo.log.info("i %s", "x") omneo.log.warn("w") omneo.log.error("e %q", "q")
            omneo.log.info("%d", "notanumber")
            """)
        #expect(log == ["debug: d 1", "info: i x", "warn: w", "error: e \"q\""])
        #expect(RecipeFixture.message(outcome, in: fixture)?.hasPrefix("DIR/recipe.lua:2: omneo.log.info: bad argument #2") == true)
    }

    @Test func jsonRoundTripsAndReportsErrors() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run(#"""
            local v = omneo.json.decode([[{"n":1,"f":1.5,"s":"\u00e9\ud83d\ude00","a":[true,false],"o":{},"big":1e400}]])
            print(math.type(v.n), math.type(v.f), v.s, #v.a, next(v.o), v.big == math.huge)
            print(omneo.json.encode({z = 1, a = {1, 2, {x = "\n"}}, e = {}}))
            print(omneo.json.decode('[1, 2'))
            print(pcall(omneo.json.encode, {print}))
            print(omneo.json.encode({a = {b = 1}}, {pretty = true}))
            """#)
        #expect(outcome == .finished)
        #expect(log[0] == "info: integer\tfloat\té😀\t2\tnil\ttrue")
        #expect(log[1] == #"info: {"a":[1,2,{"x":"\n"}],"e":{},"z":1}"#)
        #expect(log[2] == "info: nil\tinvalid JSON at line 1, column 6: expected ',' or ']'")
        #expect(log[3].hasPrefix("info: false\t"))
        // A log line stays one line: pretty JSON's line breaks are shown as \n (VisibleText).
        #expect(log[4] == #"info: {\n  "a": {\n    "b": 1\n  }\n}"#)
    }

    @Test func jsonKeepsEmptyTablesAsObjectsWhateverTheirKey() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run(#"print(omneo.json.encode({tags = {}, statuses = {}, n = 3.0}))"#)
        #expect(outcome == .finished)
        #expect(log == [#"info: {"n":3.0,"statuses":{},"tags":{}}"#])
    }

    @Test func requireSearchesRecipeFolderThenLibThenStdlib() throws {
        let fixture = try RecipeFixture()
        try fixture.write("helpers/util.lua", "return { where = 'recipe folder' }")
        let lib = try fixture.write("lib/shared/init.lua", "return { where = 'lib' }")
        let (outcome, log) = try fixture.run("""
            print(require("helpers.util").where, require("shared").where, require("omneo.emails") ~= nil)
            print(require("helpers.util") == require("helpers.util"), require("omneo") == omneo)
            """, libraries: [SearchPathTestSupport.folder(of: SearchPathTestSupport.folder(of: lib))])
        #expect(outcome == .finished, "\(outcome)")
        #expect(log == ["info: recipe folder\tlib\ttrue", "info: true\ttrue"])
    }

    @Test func errorsInRequiredModulesPointAtTheModule() throws {
        let fixture = try RecipeFixture()
        try fixture.write("broken.lua", "local x = 1\nerror('module failed')\n")
        try fixture.write("syntax.lua", "local = 1\n")
        let runtime = try fixture.run("local ok = 1\nrequire 'broken'")
        #expect(RecipeFixture.message(runtime.outcome, in: fixture) == "DIR/broken.lua:2: module failed")
        let syntax = try fixture.run("require 'syntax'")
        #expect(RecipeFixture.message(syntax.outcome, in: fixture) == "DIR/syntax.lua:1: <name> expected near '='")
    }

    @Test func syntaxErrorsInTheRecipeNameItsLine() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("local a = 1\nif a then\n")
        #expect(RecipeFixture.message(outcome, in: fixture) == "DIR/recipe.lua:3: 'end' expected (to close 'if' at line 2) near <eof>")
    }
}

enum SearchPathTestSupport {
    static func folder(of path: String) -> String { SearchPath.directory(of: path) }
}
