// Writing to the terminal: stdout for results, stderr for everything else, and one live progress
// line on a terminal's stderr that log lines never tear.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

enum Console {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var progressShown = false

    static func error(_ line: String) {
        lock.withLock {
            write((progressShown ? "\r\u{1B}[K" : "") + line + "\n", to: 2)
            progressShown = false
        }
    }

    static func output(_ line: String) { lock.withLock { write(line + "\n", to: 1) } }

    /// Replaces the progress line (stderr must be a terminal); an empty text clears it.
    static func progress(_ text: String) {
        lock.withLock {
            write("\r\u{1B}[K" + text, to: 2)
            progressShown = !text.isEmpty
        }
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
