// `omneo-run [run] RECIPE.lua`: runs one recipe and exits with the contract's code.
import ArgumentParser
import OmneoRuntime

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe (the default command: `omneo-run RECIPE.lua` is the same)."
    )

    @Argument(help: "The recipe to run.")
    var recipe: String

    @OptionGroup var flags: RecipeFlags

    func run() async throws {
        let outcome = RecipeRunner.run(flags.options(recipe: recipe))
        throw ExitCode(ExitStatus.report(outcome))
    }
}
