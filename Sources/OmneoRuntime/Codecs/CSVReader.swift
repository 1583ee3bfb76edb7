// A strict, streaming RFC 4180 reader: quotes, embedded newlines, CRLF or bare CR, BOM; errors name the line.
//
// CSV.swift (the package) was the first choice, but it accepts malformed input silently (a stray
// quote swallows the next character, an unterminated quote reads to the end of the file) and
// reports no positions, so it cannot tell a user "creators.csv:17: ...".
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package final class CSVReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    package struct Record {
        package var fields: [[UInt8]]
        /// The line the record starts on (1-based).
        var line: Int
    }

    let displayPath: String
    /// The field separator: `,` unless the recipe reads a `;`- or tab-separated file on purpose.
    let separator: UInt8
    /// Blank lines met between records (1-based) and not yet taken; trailing ones are not kept: they separate nothing.
    private var blankLines: [Int] = []
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var filled = 0
    private var position = 0
    private var line = 1
    private var startOfFile = true

    package init(path: String, displayPath: String, separator: UInt8 = UInt8(ascii: ",")) throws {
        self.displayPath = displayPath
        self.separator = separator
        guard let file = fopen(path, "rb") else {
            throw Failure(description: "cannot open '\(displayPath)': \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { close() }

    /// The blank lines met since the last call, in order.
    func takeBlankLines() -> [Int] {
        defer { blankLines = [] }
        return blankLines
    }

    package func close() {
        if let file { fclose(file) }
        file = nil
    }

    private func peek() -> UInt8? {
        if position == filled {
            guard let file else { return nil }
            filled = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            position = 0
            if filled == 0 { return nil }
        }
        return buffer[position]
    }

    /// The next byte, counting lines: LF, CRLF and a bare CR (old Mac exports) each end one.
    private func advance() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        if byte == 0x0A || (byte == 0x0D && peek() != 0x0A) { line += 1 }
        return byte
    }

    private func failure(_ message: String, line: Int? = nil) -> Failure {
        Failure(description: "\(displayPath):\(line ?? self.line): \(message)")
    }

    private func skipByteOrderMark() {
        guard startOfFile else { return }
        startOfFile = false
        guard peek() == 0xEF, filled - position >= 3,
            buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF
        else { return }
        position += 3
    }

    /// The next record, skipping blank lines (kept in `blankLines`); nil at the end of the file.
    package func next() throws -> Record? {
        skipByteOrderMark()
        var blank: [Int] = []
        while let byte = peek(), byte == 0x0A || byte == 0x0D {
            blank.append(line)
            _ = advance()
            if byte == 0x0D, peek() == 0x0A { _ = advance() }
        }
        guard peek() != nil else { return nil }
        blankLines += blank
        var record = Record(fields: [], line: line)
        while true {
            let (field, ended) = peek() == UInt8(ascii: "\"") ? try quotedField() : try plainField()
            record.fields.append(field)
            if ended { return record }
        }
    }

    /// Consumes a field separator or a line end; returns true at a line end or end of file.
    private func consumeSeparator() -> Bool {
        switch advance() {
        case separator: return false
        case 0x0D:
            if peek() == 0x0A { _ = advance() }
            return true
        default: return true
        }
    }

    private func plainField() throws -> ([UInt8], Bool) {
        var field: [UInt8] = []
        while let byte = peek(), byte != separator, byte != 0x0A, byte != 0x0D {
            if byte == UInt8(ascii: "\"") {
                throw failure("a quote inside an unquoted field (quote the whole field and double the inner quotes)")
            }
            field.append(byte)
            position += 1
        }
        return (field, consumeSeparator())
    }

    private func quotedField() throws -> ([UInt8], Bool) {
        let startLine = line
        _ = advance()
        var field: [UInt8] = []
        while true {
            guard let byte = advance() else {
                throw failure("a quoted field is never closed (it opens on line \(startLine))", line: startLine)
            }
            if byte != UInt8(ascii: "\"") {
                field.append(byte)
            } else if peek() == UInt8(ascii: "\"") {
                field.append(byte)
                position += 1
            } else {
                break
            }
        }
        switch peek() {
        case nil, separator, 0x0A, 0x0D: return (field, consumeSeparator())
        default: throw failure("unexpected text after a closing quote (a field is either all quoted or not at all)")
        }
    }
}
