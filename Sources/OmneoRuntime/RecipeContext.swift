// Per-run state the omneo module's Swift functions share: options, search path, open files.
import LuaHost

final class RecipeContext {
    let options: RecipeOptions
    let searchPath: SearchPath
    /// `--arg` values over tenant defaults.
    let arguments: [String: String]
    var csvReaders: [Int64: CSVReader] = [:]
    var csvHeaders: [Int64: [String]] = [:]
    var nextCSVReader: Int64 = 1

    init(options: RecipeOptions) {
        self.options = options
        self.searchPath = SearchPath(
            recipePath: options.recipePath, libraries: options.libraryDirectories, stdlib: options.stdlibDirectory)
        var arguments = options.defaultArguments
        for (key, value) in options.arguments { arguments[key] = value }
        self.arguments = arguments
    }

    func log(_ level: RecipeLogLevel, _ message: String) {
        switch (level, options.verbosity) {
        case (.debug, .quiet), (.debug, .normal), (.info, .quiet): return
        default: options.log(level, message)
        }
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
