// Per-run state the omneo module's Swift functions share: options, search path, open files.
package import OmneoSession
import LuaHost

package final class RecipeContext {
    package let options: RecipeOptions
    package let searchPath: SearchPath
    /// `--arg` values over tenant defaults.
    let arguments: [String: String]
    var csvReaders: [Int64: CSVReader] = [:]
    var csvHeaders: [Int64: [String]] = [:]
    var nextCSVReader: Int64 = 1
    /// The tenant this run talks to; nil when none was configured (recipes that only read files still run).
    package let tenant: TenantServices?
    /// The recipe's tasks: the main chunk and every `omneo.spawn`, and the work they wait for.
    let scheduler = TaskBoard()
    /// Status streams opened and not yet ended, with where: ids pushed after their last full chunk are unsent.
    var openStatusStreams: [Int: String] = [:]
    /// The state the recipe runs in (set once the sandbox made it), for anchoring spawned functions.
    weak var state: LuaState?
    /// Set when the recipe called the API without a tenant: a configuration error, not a recipe bug.
    var missingTenant = false
    /// Set when `omneo.params` refused the command line's `--arg`s: a usage error (exit 2), not a recipe bug.
    var parameterProblem: String?
    /// What `omneo.params` declared, when the run only probes for them (`RECIPE.lua --help`).
    var declaredParameters: [ParameterDeclaration]?
    let report: RunReport

    package init(options: RecipeOptions, tenant: TenantServices? = nil, report: RunReport? = nil) {
        self.options = options
        self.tenant = tenant
        self.report = report ?? RunReport(path: nil, dryRun: options.dryRun)
        var arguments = options.defaultArguments
        for (key, value) in options.arguments { arguments[key] = value }
        self.arguments = arguments
        // A file the user passed as a parameter is one they meant the recipe to read, wherever it is.
        self.searchPath = SearchPath(
            recipePath: options.recipePath, libraries: options.libraryDirectories, stdlib: options.stdlibDirectory,
            allowedReads: options.readableDirectories, namedValues: Array(arguments.values))
    }

    /// A log line of the recipe's (omneo.log, print): one line, its control characters escaped (VisibleText).
    func log(_ level: RecipeLogLevel, _ message: String) {
        switch (level, options.verbosity) {
        case (.debug, .quiet), (.debug, .normal), (.info, .quiet): return
        default: options.log(level, VisibleText.escaping(message))
        }
    }

    /// ` (given as --arg status=VIP)` when a value the run refused is one the command line (or the tenant's
    /// `[tenants.X.args]`) gave, so the message says what to fix: the recipe's line alone points at the recipe.
    func argumentSource(of value: String?) -> String {
        Self.argumentSource(of: value, arguments: options.arguments, defaults: options.defaultArguments)
    }

    static func argumentSource(of value: String?, arguments: [(key: String, value: String)], defaults: [String: String]) -> String {
        guard let value else { return "" }
        let given = Set(arguments.filter { $0.value == value }.map(\.key))
        let defaults = defaults.filter { $0.value == value && !given.contains($0.key) }.map(\.key)
        let sources = given.sorted().map { "--arg \($0)=\(value)" }
            + defaults.sorted().map { "the tenant's default \($0) = \(value) in tenants.toml" }
        return sources.isEmpty ? "" : " (given as \(sources.joined(separator: " and ")))"
    }

    func closeCSV(_ id: Int64) {
        csvReaders.removeValue(forKey: id)?.close()
        csvHeaders.removeValue(forKey: id)
    }

    func closeAll() {
        for reader in csvReaders.values { reader.close() }
        csvReaders.removeAll()
        csvHeaders.removeAll()
    }
}
