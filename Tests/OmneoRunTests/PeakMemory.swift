// A child's peak resident memory (ru_maxrss from wait4), which Foundation's Process does not expose.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum PeakMemory {
    struct Measurement {
        let status: Int32
        let kilobytes: Int
    }

    static func measure(_ executable: String, _ arguments: [String]) throws -> Measurement {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        return Measurement(status: (status >> 8) & 0xFF, kilobytes: usage.ru_maxrss)
    }
}
