// Per-run state the omneo module's Swift functions share: options, search path, open files.
public import OmneoSession
public import LuaHost

package final class RecipeContext {
    package let options: RecipeOptions
    package let searchPath: SearchPath
    /// `--arg` values over tenant defaults.
    package let arguments: [String: String]
    package var csvReaders: [Int64: CSVReader] = [:]
    package var csvHeaders: [Int64: [String]] = [:]
    package var nextCSVReader: Int64 = 1
    /// The tenant this run talks to; nil when none was configured (recipes that only read files still run).
    package let session: TenantServices?
    /// The recipe's tasks: the main chunk and every `omneo.spawn`, and the work they wait for.
    package let scheduler = TaskBoard()
    /// The state the recipe runs in (set once the sandbox made it), for anchoring spawned functions.
    package weak var state: LuaState?
    /// Set when the recipe called the API without a tenant: a configuration error, not a recipe bug.
    package var missingTenant = false
    package let report: RunReport

    package init(options: RecipeOptions, session: TenantServices? = nil, report: RunReport? = nil) {
        self.options = options
        self.session = session
        self.report = report ?? RunReport(path: nil, dryRun: options.dryRun)
        self.searchPath = SearchPath(
            recipePath: options.recipePath, libraries: options.libraryDirectories, stdlib: options.stdlibDirectory)
        var arguments = options.defaultArguments
        for (key, value) in options.arguments { arguments[key] = value }
        self.arguments = arguments
    }

    package func log(_ level: RecipeLogLevel, _ message: String) {
        switch (level, options.verbosity) {
        case (.debug, .quiet), (.debug, .normal), (.info, .quiet): return
        default: options.log(level, message)
        }
    }

    package func closeCSV(_ id: Int64) {
        csvReaders.removeValue(forKey: id)?.close()
        csvHeaders.removeValue(forKey: id)
    }

    package func closeAll() {
        for reader in csvReaders.values { reader.close() }
        csvReaders.removeAll()
        csvHeaders.removeAll()
    }
}
