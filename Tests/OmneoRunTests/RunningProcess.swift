// The built omneo-run started in the background, its stderr collected as it comes, for tests that act on a
// run while it goes (send it SIGINT once it has started writing) and then read what it said.
import Foundation

final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var said = Data()
    private let finished = DispatchSemaphore(value: 0)

    init(_ arguments: [String], in directory: URL? = nil, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: OmneoRunBinary.path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": OmneoRunBinary.testState]) { $1 }
            .merging(environment) { $1 }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let reader = errors.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                lock.withLock { said.append(chunk) }
            }
            finished.signal()
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var stderr: String { lock.withLock { String(decoding: said, as: UTF8.self) } }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits until stderr shows `text`; false when the process ended without it (or after `seconds`, a
    /// bound for a hung process only).
    func waitFor(_ text: String, seconds: Double = 120) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !stderr.contains(text) {
            if !process.isRunning || Date() > deadline { return stderr.contains(text) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits for the end; its exit status and all of stderr.
    func wait() -> (status: Int32, stderr: String) {
        process.waitUntilExit()
        finished.wait()
        return (process.terminationStatus, stderr)
    }
}

/// Polls `condition` until it holds (false after `seconds`, a bound for a stuck run only): how a test waits
/// for a run to reach a point (writes sent) instead of sleeping a fixed time.
func eventually(seconds: Double = 120, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}
