// The command-line entry point: parses, dispatches to subcommands, maps errors to exit codes.
import ArgumentParser
import OmneoModel

#if canImport(Glibc)
import Glibc
#endif

@main
struct OmneoRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omneo-run",
        abstract: "Run sandboxed Lua recipes that make bulk changes to Omneo tenants.",
        discussion: """
            Exit codes: 0 done; 1 the recipe raised an error or hit a limit; 2 usage or configuration error; \
            3 API refused; 4 finished, but some rows failed; 5 the first write was not confirmed; 130 stopped by Ctrl-C.
            """,
        version: "omneo-run \(OmneoVersion.current)",
        subcommands: [
            RunCommand.self, CheckCommand.self, TestCommand.self, SandboxCommand.self, TenantsCommand.self,
            RunsCommand.self, ShowCommand.self, ResumeCommand.self, UndoCommand.self, InitCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Like ArgumentParser's own main, but usage errors exit 2 (the contract), not 64.
    static func main() async {
        if let help = RecipeHelp(arguments: Array(CommandLine.arguments.dropFirst())) { Glibc.exit(help.print()) }
        do {
            var command = try parseAsRoot(HTMLPageArguments.normalised(CommandLineArguments.normalised(Array(CommandLine.arguments.dropFirst()))))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.output(message) }
                Glibc.exit(0)
            }
            if !message.isEmpty { Console.error(message) }
            Glibc.exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}
