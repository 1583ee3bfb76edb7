// omneo.csv.rows: stream a CSV file's rows as tables keyed by the header row.
import LuaHost

enum OmneoCSV: OmneoModule {
    static let names = ["omneo.csv", "omneo.csv.rows", "omneo.csv.columns"]

    /// Readers a run may hold open at once. Each is a file descriptor and a 64 KB buffer outside
    /// --max-memory; without a cap, rows() calls never iterated held 19,978 files open until the
    /// client could no longer connect. The glue closes readers whose iterators were collected first.
    static let maxOpenReaders = 64

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            // (path, separator, required columns): the reader's id and the header row, or nil and a message.
            "omneo.csv.rows": { call in
                let path = try call.string(1)
                let separator = try call.optionalString(2).flatMap { $0.utf8.first } ?? UInt8(ascii: ",")
                let required = try (call.isNil(3) ? [] : call.table(3).arrayElements ?? []).compactMap(\.stringValue)
                guard context.csvReaders.count < maxOpenReaders else {
                    call.pushNil()
                    call.push("omneo.csv.rows: \(maxOpenReaders) CSV files are open at once, the most a run may hold "
                        + "(a reader closes at the end of its loop, when the loop breaks, or once nothing refers to its "
                        + "iterator); finish one before opening '\(path)'")
                    call.push("busy")
                    return .values(3)
                }
                do {
                    let file = try context.searchPath.dataFile(path)
                    let reader = try CSVRowReader(path: file, displayPath: path, separator: separator)
                    let missing = required.filter { !reader.header.contains($0) }
                    guard missing.isEmpty else {
                        reader.reader.close()
                        return call.failure(CSVRowReader.missingColumns(missing, header: reader.header, path: path, separator: separator))
                    }
                    let id = context.nextCSVReader
                    context.nextCSVReader += 1
                    context.csvReaders[id] = reader.reader
                    context.csvHeaders[id] = reader.header
                    call.push(id)
                    try call.push(.array(reader.header.map { .string($0) }))
                    return .values(2)
                } catch let error as FileRefused {
                    return call.failure(error.description)
                } catch let error as CSVReader.Failure {
                    return call.failure(error.description)
                }
            },
            // (path, header, column, separator): the message for a row asked for a column its file lacks.
            "csv_missing": { call in
                let header = try call.table(2).arrayElements?.compactMap(\.stringValue) ?? []
                let separator = try call.optionalString(4).flatMap { $0.utf8.first } ?? UInt8(ascii: ",")
                let column = try call.value(3)
                let name = column.stringValue ?? (column.integerValue.map(String.init) ?? "(\(column.typeName))")
                call.push(CSVRowReader.missingColumns([name], header: header, path: try call.string(1), separator: separator))
                return .values(1)
            },
            // The next row and its line; nothing at the end (the reader is then closed); false and a message
            // for a malformed row, which the glue raises at the recipe's `for` line.
            "csv_next": { call in
                let id = try call.integer(1)
                guard let reader = context.csvReaders[id], let header = context.csvHeaders[id] else { return .values(0) }
                do {
                    let record = try reader.next()
                    for line in reader.takeBlankLines() { context.report.blankLine(line, in: reader.displayPath) }
                    guard let record else {
                        context.closeCSV(id)
                        return .values(0)
                    }
                    try CSVRowReader.check(record, header: header, path: reader.displayPath)
                    var row: [LuaValue: LuaValue] = [:]
                    for (name, field) in zip(header, record.fields) { row[.string(name)] = .string(LuaString(bytes: field)) }
                    try call.push(.table(row))
                    call.push(Int64(record.line))
                    return .values(2)
                } catch let error as CSVReader.Failure {
                    context.closeCSV(id)
                    call.push(false)
                    call.push(error.description)
                    return .values(2)
                }
            },
            "csv_close": { call in
                context.closeCSV(try call.integer(1))
                return .values(0)
            },
        ]
    }

    static let glue = EmbeddedLua.omneoCsv
}
