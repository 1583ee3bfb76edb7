// Which tenant(s) a run talks to and how: --tenant, --all-tenants, --parallel, --sandbox, --rate, --concurrency, --dry-run, --allow-purge, --report, --json, --yes.
import ArgumentParser
import Foundation
import OmneoClient
import OmneoSession

struct TenantFlags: ParsableArguments {
    @Option(
        name: .customLong("tenant"),
        help: ArgumentHelp(
            "Tenant from the config file (default: $OMNEO_TENANT, or the only one); repeat it, or give a glob ('brand-*'), to run on several at once.",
            valueName: "NAME"))
    var tenants: [String] = []

    /// `--tenant` when it names one tenant, not a fan-out (`isFanOut`).
    var tenant: String? { isFanOut ? nil : tenants.last }

    @Flag(name: .customLong("all-tenants"), help: "Run on every configured tenant, each in its own run (see --parallel).")
    var allTenants = false

    @Option(help: ArgumentHelp("With several tenants: how many run at once, each at its own pace (default 4).", valueName: "N"))
    var parallel = 4

    /// Several tenants: `--tenant` repeated or a glob, or `--all-tenants`.
    var isFanOut: Bool { allTenants || tenants.count > 1 || tenants.contains(where: TenantSelection.isPattern) }

    @Flag(name: [.customShort("y"), .long], help: "Do not ask before the first write to a tenant (on a terminal, omneo-run asks; elsewhere it never does).")
    var yes = false

    @Flag(help: "Run against a built-in simulated tenant on 127.0.0.1 (demo data, no token needed).")
    var sandbox = false

    @Flag(name: .customLong("dry-run"), help: "Resolve and validate for real, send no write, print what would change.")
    var dryRun = false

    @Flag(name: .customLong("allow-purge"), help: "Let omneo.profiles.purge erase profiles for good (GDPR); without it purge raises and sends nothing.")
    var allowPurge = false

    @Option(help: ArgumentHelp("Per-row outcomes as CSV, in a folder that exists (default: reports/<tenant>-<run-id>.csv under the state dir).", valueName: "FILE"),
            transform: ReportFile.checked)
    var report: String?

    @Option(help: ArgumentHelp("The most requests in flight at once; below it the number follows the tenant (rate x round trip), shown by -v.", valueName: "N"))
    var concurrency = 64

    @Option(help: ArgumentHelp("How emails become profile ids: lookups (one request each), scan (page through the tenant, then look up what it missed) or auto (the one with fewer requests).", valueName: "auto|lookups|scan"))
    var resolve = "auto"

    /// `--resolve`, checked by `validate()`.
    var resolvePlan: ResolvePlan { ResolvePlan(rawValue: resolve) ?? .auto }

    @Option(help: ArgumentHelp("Requests per second for this tenant (overrides the config).", valueName: "R"))
    var rate: Double?

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    @Option(
        name: .customLong("cache-ttl"),
        help: ArgumentHelp("Reuse email lookups (and the statuses known with them) younger than this: 24h, 30m, 90s, 0 for never.", valueName: "AGE")
    )
    var cacheTTL = "24h"

    /// --cache-ttl in seconds.
    var cacheSeconds: Double { Self.seconds(cacheTTL) ?? 0 }

    /// "24h", "30m", "90s", "2d" or a bare number of seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var number = Substring(text.trimmingCharacters(in: .whitespaces))
        var unit = 1.0
        if let last = number.last, let scale = units[last] {
            unit = scale
            number = number.dropLast()
        }
        guard let value = Double(number), value >= 0, value.isFinite else { return nil }
        return value * unit
    }

    func validate() throws {
        if sandbox && !tenants.isEmpty { throw ValidationError("--sandbox and --tenant cannot be used together") }
        if sandbox && allTenants { throw ValidationError("--sandbox and --all-tenants cannot be used together") }
        if allTenants && !tenants.isEmpty { throw ValidationError("--all-tenants runs on every configured tenant; --tenant cannot be given with it") }
        if parallel < 1 { throw ValidationError("--parallel must be at least 1 (got \(parallel))") }
        if isFanOut, report != nil {
            throw ValidationError("--report names one file, but the run is on several tenants: each tenant's report is filed under the state dir")
        }
        if isFanOut, json { throw ValidationError("--json prints one run's summary; with several tenants the summary is the table on stderr") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1 (got \(concurrency))") }
        if let rate, let problem = ClientOptions.rateProblem(rate) { throw ValidationError("--rate \(problem) (got \(CommandLineArguments.shown(rate)))") }
        if ResolvePlan(rawValue: resolve) == nil { throw ValidationError("--resolve expects auto, lookups or scan, got '\(resolve)'") }
        if Self.seconds(cacheTTL) == nil { throw ValidationError("--cache-ttl expects an age such as 24h, 30m, 90s or 0, got '\(cacheTTL)'") }
    }
}
