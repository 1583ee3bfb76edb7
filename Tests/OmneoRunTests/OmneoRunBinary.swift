// Runs the built omneo-run binary like a user would: arguments in, exit code and output out.
import Foundation

struct BinaryResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

enum OmneoRunBinary {
    /// Beside the test bundle in .build/<config>/.
    static var path: String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("omneo-run")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/omneo-run"
    }

    /// Runs journal into a folder of the test process's own, never the user's ~/.local/state.
    static let testState = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-state-\(getpid())").path

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> BinaryResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": testState]) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BinaryResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A scratch folder with files in it.
struct Scratch {
    let url: URL

    init() throws {
        try self.init(at: FileManager.default.temporaryDirectory.appendingPathComponent("omneo-cli-\(UUID().uuidString)"))
    }

    /// A scratch folder at a place of the test's choosing (a folder with a look-alike twin).
    init(at url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
