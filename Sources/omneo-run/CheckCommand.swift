// `omneo-run check RECIPE.lua...`: compiles and lints recipes without running them.
import OmneoTesting
import ArgumentParser
import OmneoRuntime

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile and lint recipes (syntax, unknown omneo.* names, undeclared globals) without running them."
    )

    @Argument(help: "Recipe or module files, or folders searched for *.lua (hidden folders and _meta aside).")
    var paths: [String]

    func run() async throws {
        let files = try LuaFiles.found(paths, suffix: ".lua", command: "check")
        var problems = 0
        for file in files {
            let findings = RecipeChecker.check(path: file, extraModules: [OmneoTest.self])
            for finding in findings { Console.error(finding) }
            problems += findings.count
        }
        if problems > 0 {
            Console.error("\(problems) problem\(problems == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s")")
            throw ExitCode(ExitStatus.recipeError)
        }
        Console.error("\(files.count) file\(files.count == 1 ? "" : "s") checked, no problems")
    }
}
