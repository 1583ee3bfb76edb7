// Reads a `token_file`, refusing one that other users could read: a token is as good as a password.
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TokenFile {
    static func read(_ path: String, key: String, origin: String) throws(TenantConfigurationError) -> Secret {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TenantConfigurationError("\(origin): \(key): cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw TenantConfigurationError("\(origin): \(key): \(path) is not a regular file")
        }
        let mode = info.st_mode & 0o777
        guard mode == 0o600 || mode == 0o400 else {
            throw TenantConfigurationError(
                "\(origin): \(key): \(path) has mode \(octal(mode)); a token file must be mode 0600 (run: chmod 600 \(path))"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TenantConfigurationError("\(origin): \(key): cannot read \(path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isNewline) else {
            throw TenantConfigurationError("\(origin): \(key): \(path) must hold the token alone on one line")
        }
        return Secret(token)
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
