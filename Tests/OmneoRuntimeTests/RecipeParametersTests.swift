// omneo.params: every --arg problem at once, as a usage error; and what `RECIPE.lua --help` learns of a recipe.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct RecipeParametersTests {
    static let spec = """
        local p = omneo.params{
          status = { type = "string", required = true, description = "the handle to add" },
          file = { type = "string", required = true },
          min = { type = "integer", default = 10, description = "at least this" },
          ratio = { type = "number", default = 0.5 }, on = { type = "boolean", default = false },
          column = { default = "email" },
        }
        """

    @Test func everyMissingParameterIsNamedAtOnceAsAUsageError() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run(Self.spec)
        #expect(outcome == .unusable(message: fixture.directory.path
            + "/recipe.lua:1: missing required parameters 'file' and 'status': pass --arg file=VALUE --arg status=VALUE"))
        let three = try fixture.run("omneo.params{ a = { required = true }, b = { required = true }, c = { required = true } }").outcome
        #expect(RecipeFixture.message(three, in: fixture)
            == "DIR/recipe.lua:1: missing required parameters 'a', 'b' and 'c': pass --arg a=VALUE --arg b=VALUE --arg c=VALUE")
    }

    @Test func allTheProblemsComeInOneMessage() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run(Self.spec, arguments: [("stat", "vip"), ("min", "ten")])
        guard case .unusable(let message) = outcome else { return #expect(Bool(false), "\(outcome)") }
        #expect(message.replacingOccurrences(of: fixture.directory.path, with: "DIR") == """
            DIR/recipe.lua:1: 3 problems with the --arg parameters (`omneo-run DIR/recipe.lua --help` lists what this recipe takes):
            \tunknown parameter 'stat' given with --arg (did you mean 'status'?); this recipe takes: column, file, min, on, ratio, status
            \tparameter 'min' must be an integer, got 'ten' (from --arg min=ten)
            \tmissing required parameters 'file' and 'status': pass --arg file=VALUE --arg status=VALUE
            """)
    }

    /// A mistake in the declaration itself is the recipe's (exit 1), even when --args are wrong too.
    @Test func aBadDeclarationIsARecipeError() throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run("omneo.params{ n = { type = 'int' } }", arguments: [("x", "1")])
        guard case .failed = outcome else { return #expect(Bool(false), "\(outcome)") }
    }

    @Test func theProbeListsTheDeclarationsAndRunsNothingAfter() throws {
        let fixture = try RecipeFixture()
        let path = try fixture.write("recipe.lua", "omneo.log.info('before')\n" + Self.spec + "\nerror('ran past omneo.params')")
        var options = RecipeOptions(recipePath: path)
        options.stdlibDirectory = StdlibLocator.sourceTree + "/stdlib"
        let listed = try RecipeRunner.parameters(options).get()
        #expect(listed == [
            RecipeParameter(name: "column", type: "string", required: false, defaultValue: "\"email\"", description: nil),
            RecipeParameter(name: "file", type: "string", required: true, defaultValue: nil, description: nil),
            RecipeParameter(name: "min", type: "integer", required: false, defaultValue: "10", description: "at least this"),
            RecipeParameter(name: "on", type: "boolean", required: false, defaultValue: "false", description: nil),
            RecipeParameter(name: "ratio", type: "number", required: false, defaultValue: "0.5", description: nil),
            RecipeParameter(name: "status", type: "string", required: true, defaultValue: nil, description: "the handle to add"),
        ])
        // Even a recipe that catches the probe's stop goes no further.
        let caught = try fixture.write("caught.lua", "pcall(omneo.params, { n = {} })\nwhile true do end")
        #expect(try RecipeRunner.parameters(RecipeOptions(recipePath: caught)).get()?.map(\.name) == ["n"])
        let none = try fixture.write("none.lua", "print(omneo.args.x)")
        #expect(try RecipeRunner.parameters(RecipeOptions(recipePath: none)).get() == nil)
    }

    /// An error raised by a host function or the glue for a module the stdlib ships is placed at the recipe's
    /// line; a module of the user's own keeps its line (it is their code).
    @Test func misuseThroughTheStdlibIsPlacedAtTheRecipesLine() throws {
        let fixture = try RecipeFixture()
        let reader = "return function(path) for row in omneo.csv.rows(path) do end end"
        try fixture.write("stdlib/omneo/reader.lua", reader)
        try fixture.write("lib/team.lua", reader)
        let recipe = try fixture.write("recipe.lua", "local reader = require 'omneo.reader'\nlocal team = require 'team'\n"
            + "local ok, err = pcall(reader, 'nope.csv')\nprint(err)\nteam('nope.csv')")
        var options = RecipeOptions(recipePath: recipe)
        options.stdlibDirectory = fixture.directory.path + "/stdlib"
        options.libraryDirectories = [fixture.directory.path + "/lib"]
        let log = LogCapture()
        options.log = { level, message in log.append("\(level.rawValue): \(message)") }
        let outcome = RecipeRunner.run(options)
        // Through pcall too: past the stdlib's frame and pcall's, at the line that called pcall.
        #expect(log.all.first.map { $0.hasPrefix("info: ") && $0.contains("/recipe.lua:3: cannot open 'nope.csv'") } == true, "\(log.all)")
        // (Lua shortens a long chunk name from the left: ".../lib/team.lua")
        #expect(RecipeFixture.message(outcome, in: fixture)?.contains("/lib/team.lua:1: cannot open 'nope.csv'") == true, "\(outcome)")
        let direct = try fixture.write("direct.lua", "local reader = require 'omneo.reader'\n\nreader('nope.csv')")
        options.recipePath = direct
        #expect(RecipeFixture.message(RecipeRunner.run(options), in: fixture)?.hasPrefix("DIR/direct.lua:3: cannot open 'nope.csv'") == true)
        let (glue, _) = try fixture.run("omneo.each({ 1 }, 'not a function')")
        #expect(RecipeFixture.message(glue, in: fixture) == "DIR/recipe.lua:1: bad argument #2 to 'omneo.each' (function expected, got string)")
    }
}
