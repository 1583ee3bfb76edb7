// swift-log lines on stderr as `level: message`, the way the rest of omneo-run prints its log.
import Logging

struct ConsoleLogLines: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    /// The tenant of a fan-out whose client logs here (taken when the logger is made: a log line may come
    /// from another task).
    var label: String?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Console.error("\(event.level): \(event.message)", label: label)
    }

    /// A logger at debug when -v, else warnings only.
    static func logger(verbose: Bool) -> Logger {
        let label = Console.label
        var logger = Logger(label: "omneo-run") { _ in ConsoleLogLines(label: label) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
