// Reads a whole (small) file: recipes and modules; or the start of one (a CSV's, to tell a binary file).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum FileContents {
    public static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            contents += chunk[..<count]
        }
        return ferror(file) == 0 ? contents : nil
    }

    /// The first `bytes` bytes of a file (fewer when it is shorter; none when it cannot be read).
    static func prefix(_ path: String, bytes: Int) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: bytes)
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        return Array(chunk[..<count])
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
