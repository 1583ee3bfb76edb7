// Where `require` finds modules and which files omneo.csv may read, compared as resolved paths (RealPath).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package struct SearchPath: Sendable {
    /// Module folders in search order: recipe folder, --lib/tenant/OMNEO_PATH folders, stdlib.
    let moduleDirectories: [String]
    let recipeDirectory: String
    /// What data files may be read: recipe folder, cwd, --lib and --allow-read folders, files named by --arg.
    let readable: ReadableFiles

    init(recipePath: String, libraries: [String], stdlib: String?, allowedReads: [String] = [], namedValues: [String] = []) {
        recipeDirectory = Self.directory(of: recipePath)
        moduleDirectories = [recipeDirectory] + libraries + (stdlib.map { [$0] } ?? [])
        readable = ReadableFiles(recipeDirectory: recipeDirectory, libraries: libraries, allowed: allowedReads, namedValues: namedValues)
    }

    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// True when `path` lies inside `directory`, both resolved and compared byte for byte (RealPath).
    static func contains(_ directory: String, _ path: String) -> Bool {
        guard let root = RealPath(directory), let target = RealPath(path) else { return false }
        return root.contains(target)
    }

    /// `~` and `~/...` as the shell would have expanded them had they not come after `=` (`--arg file=~/x.csv`).
    package static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else {
            return path
        }
        return home + path.dropFirst()
    }

    package static func join(_ directory: String, _ name: String) -> String {
        directory == "." ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
    }

    /// The file for module `name`, or a message listing every place looked at.
    func module(named name: String) -> Result<String, ModuleNotFound> {
        guard Self.isValidModuleName(name) else {
            return .failure(ModuleNotFound(description:
                "module name '\(name)' is not allowed: require takes dotted names like 'omneo.assign' "
                + "and loads only .lua files from the search path"))
        }
        let relative = name.split(separator: ".").joined(separator: "/")
        var tried: [String] = []
        for directory in moduleDirectories {
            for candidate in [relative + ".lua", relative + "/init.lua"] {
                let path = Self.join(directory, candidate)
                tried.append(path)
                if Self.isRegularFile(path), Self.contains(directory, path) { return .success(path) }
            }
        }
        let lines = tried.map { "\n\tno file '\($0)'" }.joined()
        return .failure(ModuleNotFound(description:
            "module '\(name)' not found:\(lines)\n\t(C modules cannot be loaded in recipes)"))
    }

    static func isValidModuleName(_ name: String) -> Bool {
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return !segments.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }

    /// The data file to open for `given`, resolved: `~/` is the home folder, relative paths are tried against
    /// the recipe folder, then the working directory; the file must be one `readable` allows.
    func dataFile(_ given: String) throws -> String {
        let path = Self.expandingHome(given)
        let candidates = path.hasPrefix("/") ? [path] : [Self.join(recipeDirectory, path), path]
        guard let found = candidates.first(where: Self.isRegularFile) else {
            let looked = candidates.map { "'\($0)'" }.joined(separator: " and ")
            throw FileRefused(description: "cannot open '\(given)': no such file (looked at \(looked))")
        }
        guard let resolved = readable.resolve(found)?.path else {
            throw FileRefused(description: "'\(given)' is outside what recipes may read (the recipe's folder, the current "
                + "directory, --lib and --allow-read folders, and files named with --arg): pass the file with --arg KEY=PATH, "
                + "or allow its folder with --allow-read DIR")
        }
        return resolved
    }

    /// The recipe file `path` names (relative to this recipe's folder, or absolute) when it may be run from this
    /// one, as `omneo.test.run` does: by require's rule, a `.lua` file inside the recipe's folder, a --lib folder
    /// or the stdlib. Anything else is refused before it is opened, so no message ever quotes a line of it.
    package func recipeFile(_ path: String) throws -> String {
        let candidate = path.hasPrefix("/") ? path : Self.join(recipeDirectory, path)
        let folders = moduleDirectories.map { "'\($0)'" }.joined(separator: ", ")
        guard candidate.utf8.count > 4, candidate.utf8.suffix(4).elementsEqual(".lua".utf8) else {
            throw FileRefused(description: "'\(path)' is not a .lua file: only recipes (.lua files in \(folders)) can be run")
        }
        guard Self.isRegularFile(candidate) else {
            throw FileRefused(description: "cannot open '\(path)': no such file (looked at '\(candidate)')")
        }
        guard moduleDirectories.contains(where: { Self.contains($0, candidate) }) else {
            throw FileRefused(description: "'\(path)' is outside the folders recipes and modules are loaded from "
                + "(\(folders)), by the same rule as require")
        }
        return candidate
    }

    var description: String { moduleDirectories.map { Self.join($0, "?.lua") }.joined(separator: ";") }
}

struct ModuleNotFound: Error, CustomStringConvertible {
    let description: String
}

package struct FileRefused: Error, CustomStringConvertible {
    package let description: String
}
