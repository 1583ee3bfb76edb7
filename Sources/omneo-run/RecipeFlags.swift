// Options shared by the commands that load recipes: parameters, search path, limits, verbosity.
import ArgumentParser
import OmneoRuntime

#if canImport(Glibc)
import Glibc
#endif

struct RecipeFlags: ParsableArguments {
    @Option(name: .customLong("arg"), help: ArgumentHelp("Recipe parameter (repeatable, once per KEY); read as omneo.args.KEY. `omneo-run RECIPE.lua --help` lists them.", valueName: "KEY=VALUE"))
    var arguments: [String] = []

    @Option(name: .customLong("lib"), help: ArgumentHelp("Extra folder searched by require (repeatable; also $OMNEO_PATH).", valueName: "DIR"),
            transform: SearchPath.expandingHome)
    var libraries: [String] = []

    @Option(name: .customLong("allow-read"), help: ArgumentHelp(
        "A folder omneo.csv may read from (repeatable); files passed with --arg are readable without it.", valueName: "DIR"),
        transform: RecipeFlags.readableFolder)
    var readableFolders: [String] = []

    @Option(help: ArgumentHelp("Stop the recipe after this many seconds of wall-clock time.", valueName: "SECONDS"))
    var timeout: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Limit the recipe's Lua memory.", valueName: "MB"))
    var maxMemory: Int = 1024

    @Flag(name: .shortAndLong, help: "Quieter: only warnings and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Verbose: debug lines too.")
    var verbose = false

    func validate() throws {
        for argument in arguments where !argument.contains("=") || argument.hasPrefix("=") {
            throw ValidationError("--arg expects KEY=VALUE, got '\(argument)'")
        }
        // Parameters take one value each (omneo.params has no list type): a second one is a mistake, never a
        // silent choice of the last.
        var given: [String: String] = [:]
        for (key, value) in parsedArguments {
            if let first = given[key] {
                throw ValidationError("--arg \(key) is given twice (\(key)=\(first), then \(key)=\(value)): a parameter takes one "
                    + "value, so give --arg \(key) once")
            }
            given[key] = value
        }
        if let timeout, !(timeout > 0 && timeout <= Self.longestTimeout) {
            throw ValidationError("--timeout must be a positive number of seconds, at most \(Int(Self.longestTimeout)) (30 days) (got \(CommandLineArguments.shown(timeout)))")
        }
        if !(1...Self.largestMemory).contains(maxMemory) {
            throw ValidationError("--max-memory must be a number of megabytes from 1 to \(Self.largestMemory) (1 TB) (got \(maxMemory))")
        }
        if quiet && verbose { throw ValidationError("-q and -v cannot be used together") }
        for folder in libraries where !Self.isFolder(folder) {
            throw ValidationError("--lib: '\(folder)' is not a folder (require searches the folders given with --lib)")
        }
    }

    /// Beyond these the watchdog's and the allocator's arithmetic would overflow.
    static let longestTimeout: Double = 30 * 86400
    static let largestMemory = 1 << 20

    var parsedArguments: [(key: String, value: String)] {
        arguments.map { argument in
            let separator = argument.firstIndex(of: "=")!
            return (String(argument[..<separator]), String(argument[argument.index(after: separator)...]))
        }
    }

    /// An --allow-read folder, resolved now: it means the folder the user named from where they stand (resume
    /// moves to the run's folder later), and its real path is what reads are compared with.
    static func readableFolder(_ given: String) throws -> String {
        let path = SearchPath.expandingHome(given)
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, let resolved = realpath(path, nil) else {
            throw ValidationError("'\(given)' is not a folder (to read one file, pass it with --arg KEY=PATH)")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// --lib folders, then $OMNEO_PATH's, in search order.
    var libraryDirectories: [String] { libraries + environmentLibraries }

    /// $OMNEO_PATH's folders (searched after --lib and the tenant's `lib`).
    var environmentLibraries: [String] {
        let environment = getenv("OMNEO_PATH").map { String(cString: $0) } ?? ""
        return environment.split(separator: ":").map(String.init)
    }

    func options(recipe: String) -> RecipeOptions {
        var options = RecipeOptions(recipePath: recipe)
        options.arguments = parsedArguments
        options.libraryDirectories = libraryDirectories
        options.readableDirectories = readableFolders
        options.stdlibDirectory = StdlibLocator.find()
        options.timeout = timeout
        options.maxMemoryMB = maxMemory
        options.verbosity = quiet ? .quiet : verbose ? .verbose : .normal
        options.log = { level, message in Console.error("\(level.rawValue): \(message)") }
        return options
    }
}
