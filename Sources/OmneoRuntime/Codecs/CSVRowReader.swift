// The header-row layer over CSVReader: names every column, checks every row against them.
import OmneoModel
import LuaHost

struct CSVRowReader {
    let reader: CSVReader
    let header: [String]

    init(path: String, displayPath: String) throws {
        reader = try CSVReader(path: path, displayPath: displayPath)
        guard let first = try reader.next() else {
            throw CSVReader.Failure(description: "\(displayPath): the file is empty (a header row is needed)")
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
}
