// Everything a recipe run is configured with, from the command line and the tenant.
public import OmneoSession
public import OmneoClient

public struct RecipeOptions: Sendable {
    public enum Verbosity: Int, Sendable, Comparable {
        case quiet, normal, verbose
        public static func < (a: Verbosity, b: Verbosity) -> Bool { a.rawValue < b.rawValue }
    }

    /// The recipe file as the user named it; messages show it this way.
    public var recipePath: String
    /// `--arg KEY=VALUE`, in order.
    public var arguments: [(key: String, value: String)] = []
    /// Per-tenant defaults for parameters (config `[tenants.X.args]`); `--arg` wins.
    public var defaultArguments: [String: String] = [:]
    /// `--lib` folders, then tenant `lib`, then `$OMNEO_PATH`, in search order.
    public var libraryDirectories: [String] = []
    /// `--allow-read` folders: omneo.csv may read anything under them (besides the recipe's folder, the current
    /// one, the library folders and files named by a parameter value).
    public var readableDirectories: [String] = []
    /// The bundled stdlib folder, searched last.
    public var stdlibDirectory: String?
    /// Wall-clock limit in seconds; nil for none.
    public var timeout: Double?
    /// Lua heap limit in megabytes; nil for none.
    public var maxMemoryMB: Int?
    public var verbosity: Verbosity = .normal
    public var tenant: String?
    public var dryRun = false
    /// `--allow-purge`: omneo.profiles.purge may erase profiles; without it the call raises and sends nothing.
    public var allowPurge = false
    public var runID = ""
    /// The tenant's client; nil runs the recipe without one (API calls then raise, saying how to get one).
    public var client: OmneoClient?
    /// The cap on requests in flight (`--concurrency`); below it the session sizes it to the tenant.
    public var concurrency = 64
    /// How `omneo.profiles.resolve` turns emails into ids (`--resolve`).
    public var resolvePlan: ResolvePlan = .auto
    /// Where this run is journaled; nil journals nothing (`omneo-run test`, runs without a tenant).
    public var journal: RunJournal?
    /// The question before the run's first write (a live tenant on a terminal); nil asks nothing.
    public var confirmation: WriteConfirmation?
    /// Where the per-row CSV goes; nil writes none.
    public var reportPath: String?
    /// Updated as the run goes, for a live progress line.
    public var progress = RunProgress()
    /// Modules added beside the built-in ones, and what they work with: `omneo-run test` adds `omneo.test`
    /// (OmneoTesting) with the test file's harness. A production run adds none.
    package var extraModules: [any OmneoModule.Type] = []
    package var harness: (any Sendable)?
    /// `execute` lints the recipe first (RecipeRunner.lint), as `omneo.test.run` wants; the CLI lints before it
    /// journals the run, and runs in Swift tests exercise the sandbox itself, so both leave it off.
    public var lintFirst = false
    /// Run only as far as `omneo.params`, to learn what it declares (RecipeRunner.parameters).
    package var parameterProbe = false
    /// Where recipe log lines go (stderr in the CLI).
    public var log: @Sendable (RecipeLogLevel, String) -> Void = { _, _ in }

    public init(recipePath: String) { self.recipePath = recipePath }
}

public enum RecipeLogLevel: String, Sendable, CaseIterable {
    case debug, info, warn, error
}
