// The header-row layer over CSVReader: names every column, checks every row against them, and words what
// goes wrong with a column (a missing one, a file that is not a CSV, one separated by ';') for a person.
import OmneoModel
import LuaHost

struct CSVRowReader {
    let reader: CSVReader
    let header: [String]

    init(path: String, displayPath: String, separator: UInt8 = UInt8(ascii: ",")) throws {
        reader = try CSVReader(path: path, displayPath: displayPath, separator: separator)
        let start = FileContents.prefix(path, bytes: 8192)
        guard let first = try reader.next() else {
            throw CSVReader.Failure(description: "\(displayPath): the file is empty (a header row is needed)")
        }
        if let binary = Self.binaryProblem(start: start, header: first.fields) {
            throw CSVReader.Failure(description: "\(displayPath) is not a CSV file: \(binary); save it as CSV (comma-separated, UTF-8) and try again")
        }
        let names = first.fields.map {
            String(decoding: $0, as: UTF8.self).trimmingSpaces
        }
        var seen: Set<String> = []
        for (offset, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw CSVReader.Failure(description: "\(displayPath):\(first.line): column \(offset + 1) of the header row has no name")
            }
            guard seen.insert(name).inserted else {
                throw CSVReader.Failure(description: "\(displayPath):\(first.line): the header row names '\(name)' twice")
            }
        }
        header = names
    }

    static func check(_ record: CSVReader.Record, header: [String], path: String) throws {
        guard record.fields.count != header.count else { return }
        throw CSVReader.Failure(description:
            "\(path):\(record.line): row has \(record.fields.count) fields, the header has \(header.count)")
    }

    /// Why a file is not text, or nil: a NUL in its first 8 KB, or a control byte (a tab aside) in its header,
    /// is in every image, archive or UTF-16 file read as a CSV and in no spreadsheet's export.
    static func binaryProblem(start: [UInt8], header: [[UInt8]]) -> String? {
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return "it is UTF-16 text (Excel's \"Unicode text\")"
        }
        if start.contains(0) { return "its first line holds binary data (a NUL byte)" }
        let bytes = header.joined()
        guard let byte = bytes.first(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else { return nil }
        return "its first line holds binary data (the control byte 0x" + String(byte, radix: 16, uppercase: true) + ")"
    }

    /// What to tell a recipe that asked for columns the file does not have: the file's columns, the closest
    /// one to each, and when the header is one column holding `;`, a tab or `|`, that the file is separated by it.
    static func missingColumns(_ wanted: [String], header: [String], path: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        let names = wanted.map { "'\($0)'" }.joined(separator: ", ")
        let noColumn = "\(path) has no column\(wanted.count == 1 ? "" : "s") "
        if header.count == 1, separator == UInt8(ascii: ","), let other = likelySeparator(header[0]) {
            let shown = other == "\t" ? "tabs" : "'\(other)'"
            let written = other == "\t" ? "\\t" : other
            let line = VisibleText.escaping(header[0]).split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t")
            return noColumn + names + ": this file looks separated by \(shown), not by commas "
                + "(its header row is one column, '\(line)'); save it as CSV with commas, "
                + "or read it with omneo.csv.rows(path, {separator = \"\(written)\"})"
        }
        let hinted = wanted.map { name in
            "'\(name)'" + (closestColumn(to: name, among: header).map { " (did you mean '\($0)'?)" } ?? "")
        }
        return noColumn + hinted.joined(separator: ", ") + "; its columns are: " + header.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func likelySeparator(_ name: String) -> String? {
        [";", "\t", "|"].first { name.contains($0) }
    }

    /// The header that differs from `wanted` only in case, spaces, `_` or `-`; else the nearest by edit distance.
    static func closestColumn(to wanted: String, among header: [String]) -> String? {
        let key = ColumnName.key(wanted)
        if let same = header.first(where: { ColumnName.key($0) == key }) { return same }
        return Suggestion.closest(to: wanted.lowercased(), among: header.map { $0.lowercased() })
            .flatMap { lowered in header.first { $0.lowercased() == lowered } }
    }
}

/// Column names compared the way people type them: `First Name`, `first_name` and `first-name` are one.
enum ColumnName {
    static func key(_ name: String) -> String {
        String(name.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" && $0 != "." })
    }
}
