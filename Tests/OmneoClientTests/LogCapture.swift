// A swift-log handler that keeps every line, so tests can read what a verbose client printed.
import Logging
import NIOConcurrencyHelpers

final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    var all: [String] { lines.withLockedValue { $0 } }

    /// A logger at debug level (what `-v` gives) writing into this capture.
    func logger(level: Logger.Level = .debug) -> Logger {
        var logger = Logger(label: "omneo-client-test") { _ in Handler(capture: self) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let extra = metadata.merging(event.metadata ?? [:]) { $1 }.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
            capture.append("\(event.level) \(event.message) \(extra)")
        }
    }
}
