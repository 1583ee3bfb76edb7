// Finds the bundled stdlib/ folder: installed beside the binary, or in the source tree.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum StdlibLocator {
    /// `$OMNEO_STDLIB`, else PREFIX/share/omneo-run/stdlib for a binary in PREFIX/bin, else the
    /// source tree this binary was built from (`swift run`, tests).
    public static func find(executablePath: String? = currentExecutable()) -> String? {
        if let override = getenv("OMNEO_STDLIB").map({ String(cString: $0) }), !override.isEmpty {
            return override
        }
        var candidates: [String] = []
        if let executablePath {
            let bin = SearchPath.directory(of: executablePath)
            candidates.append(SearchPath.directory(of: bin) + "/share/omneo-run/stdlib")
        }
        candidates.append(sourceTree + "/stdlib")
        return candidates.first(where: isDirectory)
    }

    /// The repository root, derived from this file's path at build time.
    static let sourceTree: String = {
        var path = #filePath
        for _ in 0..<4 { path = SearchPath.directory(of: path) }  // Sources/OmneoRuntime/Engine/<file>
        return path
    }()

    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
