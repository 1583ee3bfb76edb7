// The built omneo-run on a real pseudo-terminal (openpty): stdin, stdout and stderr are the terminal, as
// when a person types the command, so omneo-run asks its questions; the test reads what it shows and types.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

final class TerminalProcess {
    let process = Process()
    private let master: Int32
    private var shown: [UInt8] = []
    /// Everything the terminal showed so far.
    var transcript: String { String(decoding: shown, as: UTF8.self) }

    init(_ arguments: [String], in directory: URL? = nil, environment: [String: String]) throws {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw SandboxProcessError(message: "openpty failed: errno \(errno)") }
        // Neither end may leak into the processes other tests start meanwhile (the terminal would stay open).
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        self.master = master
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.executableURL = URL(fileURLWithPath: OmneoRunBinary.path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": OmneoRunBinary.testState]) { $1 }
            .merging(environment) { $1 }
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        do {
            try process.run()
        } catch {
            close(master)
            close(slave)
            throw error
        }
        close(slave)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        close(master)
    }

    /// Reads what the terminal shows until `text` appears; false when the process ended first (or after
    /// `seconds`, a bound for a hung process only: the test waits for output, not for time).
    func read(until text: String, seconds: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !transcript.contains(text) {
            if Date() > deadline { return false }
            if !readSome(waitingMS: 200), !process.isRunning {
                // It ended: what it showed last may still be in the terminal.
                while readSome(waitingMS: 0) {}
                return transcript.contains(text)
            }
        }
        return true
    }

    /// Types `text` as a person would (the terminal echoes it).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Waits for the process to end and reads the rest of what it showed; returns its exit status.
    func finish(seconds: Double = 300) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { _ = readSome(waitingMS: 200) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        while readSome(waitingMS: 50) {}
        return process.terminationStatus
    }

    /// One read of what is there, waiting up to `waitingMS` for it; false when nothing came.
    private func readSome(waitingMS: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitingMS) > 0, descriptor.revents & Int16(POLLIN) != 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(master, &buffer, buffer.count)
        guard count > 0 else { return false }
        shown += buffer[0..<count]
        return true
    }
}
