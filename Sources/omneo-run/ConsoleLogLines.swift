// swift-log lines on stderr as `level: message`, the way the rest of omneo-run prints its log.
import Logging

struct ConsoleLogLines: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Console.error("\(event.level): \(event.message)")
    }

    /// A logger at debug when -v, else warnings only.
    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "omneo-run") { _ in ConsoleLogLines() }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
