// Writing to the terminal: stdout for results, stderr for everything else, one live progress line on a
// terminal's stderr that log lines never tear, and a question that nothing else writes over.
import Foundation

#if canImport(Glibc)
import Glibc
#endif

enum Console {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var progressShown = false
    /// While a question waits for its answer: the lines written meanwhile, printed after it.
    nonisolated(unsafe) private static var held: [String]?

    /// The tenant a line belongs to in a fan-out (several tenants at once): its lines start `[brand-a] `.
    @TaskLocal static var label: String?

    static func error(_ line: String) { error(line, label: label) }

    /// A line of `label`'s (nil: of the whole process), each of its lines prefixed by it.
    static func error(_ line: String, label: String?) {
        let line = label.map { label in line.split(separator: "\n", omittingEmptySubsequences: false).map { "[\(label)] \($0)" }.joined(separator: "\n") } ?? line
        lock.withLock {
            if held != nil {
                held?.append(line)
                return
            }
            write((progressShown ? "\r\u{1B}[K" : "") + line + "\n", to: 2)
            progressShown = false
        }
    }

    static func output(_ line: String) { lock.withLock { write(line + "\n", to: 1) } }

    /// Replaces the progress line (stderr must be a terminal); an empty text clears it. Not while a
    /// question is shown.
    static func progress(_ text: String) {
        lock.withLock {
            guard held == nil else { return }
            write("\r\u{1B}[K" + text, to: 2)
            progressShown = !text.isEmpty
        }
    }

    /// Shows `question` on stderr (no newline: the answer is typed after it); the lines and progress of
    /// the run wait until `answered` is called.
    static func ask(_ question: String) {
        lock.withLock {
            write((progressShown ? "\r\u{1B}[K" : "") + question, to: 2)
            progressShown = false
            held = []
        }
    }

    /// The question got its answer (`newline`: the terminal did not end its line, as on Ctrl-C or end of
    /// input); what waited is printed now.
    static func answered(newline: Bool) {
        lock.withLock {
            let lines = held ?? []
            held = nil
            write((newline ? "\n" : "") + lines.map { $0 + "\n" }.joined(), to: 2)
        }
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// A question can be asked: stdin and stderr are both a terminal.
    static var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

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
