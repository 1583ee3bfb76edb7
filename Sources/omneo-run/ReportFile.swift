// `--report FILE`, checked when the command line is read: before the run starts, never halfway through it.
import ArgumentParser
import OmneoRuntime

#if canImport(Glibc)
import Glibc
#endif

enum ReportFile {
    /// The report path with `~/` expanded; refused (exit 2) when it names a folder, or a file in a folder
    /// that does not exist or cannot be written: omneo-run does not make a folder the user named.
    static func checked(_ given: String) throws -> String {
        let path = SearchPath.expandingHome(given)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ValidationError("--report \(given) is a folder; name the report file in it, e.g. --report \(SearchPath.join(given, "report.csv"))")
        }
        let folder = SearchPath.directory(of: path)
        guard stat(folder, &info) == 0 else {
            throw ValidationError("--report \(given): the folder \(folder) does not exist; create it first, or name a file in a folder that does")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ValidationError("--report \(given): \(folder) is not a folder")
        }
        guard access(folder, W_OK) == 0 else {
            throw ValidationError("--report \(given): the folder \(folder) cannot be written (\(String(cString: strerror(errno))))")
        }
        return path
    }
}
