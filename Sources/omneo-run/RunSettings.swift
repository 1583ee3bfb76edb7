// What a recipe run from the command line runs with, whichever command gave it: `run` from its flags,
// `resume` from its flags where given and the journal's record of the run where not.
import Foundation
import OmneoJournal
import OmneoSession

struct RunSettings {
    var sandbox = false
    var dryRun = false
    var allowPurge = false
    var report: String?
    var concurrency = 64
    var resolve = ResolvePlan.auto
    var rate: Double?
    /// As written (`24h`, `0`): so the journal keeps it as the user gave it.
    var cacheTTL = "24h"
    var json = false
    /// `--yes`: no question before the first write.
    var yes = false
    var quiet = false
    var verbose = false
    /// `--lib` folders (the tenant's `lib` and $OMNEO_PATH's follow them).
    var libraries: [String] = []
    /// `--allow-read` folders, resolved to real paths.
    var readableFolders: [String] = []

    var cacheSeconds: Double { TenantFlags.seconds(cacheTTL) ?? 0 }

    /// $OMNEO_PATH's folders.
    var environmentLibraries: [String] {
        (ProcessInfo.processInfo.environment["OMNEO_PATH"] ?? "").split(separator: ":").map(String.init)
    }

    /// What the journal keeps for a resume of the run.
    var journalOptions: RunOptions {
        var options = RunOptions()
        options.rate = rate
        options.concurrency = concurrency
        options.cacheTTL = cacheTTL
        options.resolve = resolve.rawValue
        options.allowRead = readableFolders
        options.libraries = libraries
        return options
    }

    init() {}

    init(flags: RecipeFlags, target: TenantFlags) {
        sandbox = target.sandbox
        dryRun = target.dryRun
        allowPurge = target.allowPurge
        report = target.report
        concurrency = target.concurrency
        resolve = target.resolvePlan
        rate = target.rate
        cacheTTL = target.cacheTTL
        json = target.json
        yes = target.yes
        quiet = flags.quiet
        verbose = flags.verbose
        libraries = flags.libraries
        readableFolders = flags.readableFolders
    }
}
