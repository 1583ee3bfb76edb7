// Writing to the terminal without Foundation: stdout for results, stderr for everything else.
#if canImport(Glibc)
import Glibc
#endif

enum Console {
    static func error(_ line: String) { write(line + "\n", to: 2) }

    static func output(_ line: String) { write(line + "\n", to: 1) }

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
