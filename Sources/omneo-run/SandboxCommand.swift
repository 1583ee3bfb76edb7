// `omneo-run sandbox`: a simulated tenant on 127.0.0.1 for demos and trying recipes without an account.
import ArgumentParser
import OmneoSandbox

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a simulated Omneo tenant on 127.0.0.1 (demo data, tokens sandbox-token and sandbox-readonly).",
        discussion: """
            Point a run at it with OMNEO_BASE_URL and OMNEO_TOKEN, as printed at start. Read-only inspection \
            routes: /_sandbox/profiles/ID, /_sandbox/statuses, /_sandbox/requests?after=N, /_sandbox/stats. Stop it with Ctrl-C.
            """
    )

    @Option(help: ArgumentHelp("Port to listen on (0: any free port).", valueName: "N"))
    var port: Int = 8089

    /// `--rate` here is the sandbox's limit (for `run`, `--rate` paces the client).
    @Option(help: ArgumentHelp("Requests per second per token before 429 (0: none).", valueName: "R"))
    var rate: Double?

    @Option(name: .customLong("rate-window"), help: ArgumentHelp("The window --rate counts over (60: per minute, as Laravel counts).", valueName: "SECONDS"))
    var rateWindow: Double = 1

    @OptionGroup var sandbox: SandboxFlags

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535 (got \(port))") }
        if let rate, !(rate >= 0 && rate <= 1_000_000) { throw ValidationError("--rate must be 0 (no limit) up to 1000000 (got \(CommandLineArguments.shown(rate)))") }
        if !(rateWindow > 0 && rateWindow <= 86400) {
            throw ValidationError("--rate-window must be a positive number of seconds, at most 86400 (got \(CommandLineArguments.shown(rateWindow)))")
        }
    }

    func run() async throws {
        var configuration: SandboxConfiguration
        do {
            configuration = try sandbox.configuration(port: port)
        } catch {
            Console.error("omneo-run sandbox: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if let rate { configuration.rate = rate }
        configuration.rateWindow = .milliseconds(Int64(rateWindow * 1000))
        let server: SandboxServer
        do {
            server = try await SandboxServer.start(configuration)
        } catch {
            Console.error("omneo-run: the sandbox could not listen on 127.0.0.1:\(port): \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        for line in Self.banner(server) { Console.output(line) }
        try await server.waitUntilStopped()
    }

    static func banner(_ server: SandboxServer) -> [String] {
        let configuration = server.configuration
        let tokens = configuration.seed.tokens.map(\.token).joined(separator: ", ")
        let window = configuration.rateWindow == .seconds(1) ? "s" : "\(configuration.rateWindow.components.seconds) s"
        let rate = configuration.rate > 0 ? "\(Int(configuration.rate))/\(window) per token" : "no limit"
        return [
            "sandbox tenant on \(server.baseURL)",
            "  \(configuration.seed.profiles.count) profiles, \(configuration.seed.statuses.count) statuses; tokens: \(tokens)",
            "  rate \(rate); latency \(configuration.latency); faults \(configuration.faults) (seed \(configuration.faultSeed)); "
                + "custom_attributes as \(configuration.attributeShape == .object ? "an object" : "an array")",
            "  try: OMNEO_BASE_URL=\(server.baseURL) OMNEO_TOKEN=sandbox-token omneo-run RECIPE.lua",
        ]
    }
}
