// A strict, streaming RFC 4180 reader: quotes, embedded newlines, CRLF, BOM; errors name the line.
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
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var filled = 0
    private var position = 0
    private var line = 1
    private var startOfFile = true

    package init(path: String, displayPath: String) throws {
        self.displayPath = displayPath
        guard let file = fopen(path, "rb") else {
            throw Failure(description: "cannot open '\(displayPath)': \(String(cString: strerror(errno)))")
        }
        self.file = file
    }

    deinit { close() }

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

    private func advance() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        if byte == 0x0A { line += 1 }
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

    /// The next record, skipping blank lines; nil at the end of the file.
    package func next() throws -> Record? {
        skipByteOrderMark()
        while peek() == 0x0A || peek() == 0x0D { _ = advance() }
        guard peek() != nil else { return nil }
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
        case UInt8(ascii: ","): return false
        case 0x0D:
            if peek() == 0x0A { _ = advance() }
            return true
        default: return true
        }
    }

    private func plainField() throws -> ([UInt8], Bool) {
        var field: [UInt8] = []
        while let byte = peek(), byte != UInt8(ascii: ","), byte != 0x0A, byte != 0x0D {
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
        case nil, UInt8(ascii: ","), 0x0A, 0x0D: return (field, consumeSeparator())
        default: throw failure("unexpected text after a closing quote (a field is either all quoted or not at all)")
        }
    }
}
