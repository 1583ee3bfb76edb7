// The command-line entry point: parses, dispatches to subcommands, maps errors to exit codes.
import ArgumentParser

@main
struct OmneoRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omneo-run",
        abstract: "Run sandboxed Lua recipes that make bulk changes to Omneo tenants.",
        subcommands: [SandboxCommand.self],
        defaultSubcommand: nil
    )
}
