// Which tenant a run talks to and how: --tenant, --sandbox, --rate, --concurrency, --dry-run, --allow-purge, --report, --json.
import ArgumentParser

struct TenantFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Tenant from the config file (default: $OMNEO_TENANT, or the only one).", valueName: "NAME"))
    var tenant: String?

    @Flag(help: "Run against a built-in simulated tenant on 127.0.0.1 (demo data, no token needed).")
    var sandbox = false

    @Flag(name: .customLong("dry-run"), help: "Resolve and validate for real, send no write, print what would change.")
    var dryRun = false

    @Flag(name: .customLong("allow-purge"), help: "Let omneo.profiles.purge erase profiles for good (GDPR); without it purge raises and sends nothing.")
    var allowPurge = false

    @Option(help: ArgumentHelp("Per-row outcomes as CSV (default: reports/<run-id>.csv under the state dir).", valueName: "FILE"))
    var report: String?

    @Option(help: ArgumentHelp("Lookups and polls in flight at once.", valueName: "N"))
    var concurrency = 8

    @Option(help: ArgumentHelp("Requests per second for this tenant (overrides the config).", valueName: "R"))
    var rate: Double?

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    func validate() throws {
        if sandbox && tenant != nil { throw ValidationError("--sandbox and --tenant cannot be used together") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be a positive number of requests per second") }
    }
}
