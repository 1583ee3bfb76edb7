// Which data files a recipe may open: the folders it works in, and what the user named on the command line.
// Everything is compared resolved (symlinks and `..` gone) and byte for byte (RealPath), so naming one file
// never opens its folder, and a look-alike folder (K and the Kelvin sign, NFC and NFD) is another folder.
struct ReadableFiles: Sendable {
    /// Resolved folders whose whole tree is readable: the recipe's, the current one, `--lib` and `--allow-read`.
    let directories: [RealPath]
    /// Resolved files named by a parameter value (`--arg`, a tenant default): readable alone, wherever they are.
    let files: Set<RealPath>

    /// `namedValues` are the run's parameter values: each that names an existing file, relative to the current
    /// folder or the recipe's (or to the home folder, after `~/`), makes that one file readable. A value naming a folder opens nothing: a value
    /// like "/" is as likely a separator as a grant, so a folder takes `--allow-read`.
    init(recipeDirectory: String, libraries: [String], allowed: [String], namedValues: [String]) {
        directories = ([recipeDirectory, "."] + libraries + allowed).compactMap(RealPath.init)
        var files: Set<RealPath> = []
        for value in namedValues.map(SearchPath.expandingHome) where !value.isEmpty {
            let candidates = value.hasPrefix("/") ? [value] : [value, SearchPath.join(recipeDirectory, value)]
            for candidate in candidates where SearchPath.isRegularFile(candidate) {
                if let resolved = RealPath(candidate) { files.insert(resolved) }
            }
        }
        self.files = files
    }

    /// The resolved path to open when `path` may be read; nil when it may not (or does not exist).
    func resolve(_ path: String) -> RealPath? {
        guard let target = RealPath(path) else { return nil }
        return files.contains(target) || directories.contains(where: { $0.contains(target) }) ? target : nil
    }
}
