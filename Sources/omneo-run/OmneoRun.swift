// The command-line entry point: parses, dispatches to subcommands, maps errors to exit codes.
import ArgumentParser

@main
struct OmneoRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omneo-run",
        abstract: "Run sandboxed Lua recipes that make bulk changes to Omneo tenants.",
        discussion: """
            Exit codes: 0 done; 1 the recipe raised an error or hit a limit; 2 usage or configuration error; \
            3 API refused; 4 finished, but some rows failed.
            """,
        subcommands: [RunCommand.self, CheckCommand.self, SandboxCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
