// Test helper: writes recipes into a fresh folder and runs them, capturing the log.
import Foundation
@testable import OmneoRuntime

final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct RecipeFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Runs `source` as recipe.lua; returns the outcome and the log lines ("level: message").
    func run(
        _ source: String, arguments: [(String, String)] = [], timeout: Double? = nil, memoryMB: Int? = 64,
        libraries: [String] = [], readable: [String] = [], name: String = "recipe.lua"
    ) throws -> (outcome: RecipeOutcome, log: [String]) {
        let path = try write(name, source)
        let capture = LogCapture()
        var options = RecipeOptions(recipePath: path)
        options.arguments = arguments.map { (key: $0.0, value: $0.1) }
        options.timeout = timeout
        options.maxMemoryMB = memoryMB
        options.libraryDirectories = libraries
        options.readableDirectories = readable
        options.stdlibDirectory = StdlibLocator.sourceTree + "/stdlib"
        options.verbosity = .verbose
        options.log = { level, message in capture.append("\(level.rawValue): \(message)") }
        return (RecipeRunner.run(options), capture.all)
    }

    /// The message of a failed or stopped run, with the fixture folder shortened to "DIR".
    static func message(_ outcome: RecipeOutcome, in fixture: RecipeFixture) -> String? {
        switch outcome {
        case .failed(let message, _), .stopped(let message), .unusable(let message), .refused(let message), .interrupted(let message):
            return message.replacingOccurrences(of: fixture.directory.path, with: "DIR")
        case .finished:
            return nil
        }
    }
}
