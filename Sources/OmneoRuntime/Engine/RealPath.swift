// A path with symlinks, `.` and `..` resolved by realpath(3), kept and compared as the bytes the kernel uses.
//
// Swift's String compares by canonical equivalence: the Kelvin sign (U+212A) equals K, and `café` written
// NFC equals it written NFD, though each is another folder on disk. So a folder rule compares RealPaths,
// byte for byte, never Strings (nor anything case- or Unicode-folded).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct RealPath: Hashable, Sendable {
    let bytes: [UInt8]

    /// The resolved path of an existing file or folder; nil when it does not exist.
    init?(_ path: String) {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        bytes = Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) })
    }

    /// The path to open; nil when its bytes are not UTF-8 (a String would stand for other bytes).
    var path: String? { String(validating: bytes, as: UTF8.self) }

    /// True when `other` is this folder or lies under it.
    func contains(_ other: RealPath) -> Bool {
        if other.bytes == bytes { return true }
        let prefix = bytes == [UInt8(ascii: "/")] ? bytes : bytes + [UInt8(ascii: "/")]
        return other.bytes.starts(with: prefix)
    }
}
