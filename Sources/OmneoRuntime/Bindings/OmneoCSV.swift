// omneo.csv.rows: stream a CSV file's rows as tables keyed by the header row.
import LuaHost

enum OmneoCSV: OmneoModule {
    static let names = ["omneo.csv", "omneo.csv.rows"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.csv.rows": { call in
                let path = try call.string(1)
                do {
                    let file = try context.searchPath.dataFile(path)
                    let reader = try CSVRowReader(path: file, displayPath: path)
                    let id = context.nextCSVReader
                    context.nextCSVReader += 1
                    context.csvReaders[id] = reader.reader
                    context.csvHeaders[id] = reader.header
                    call.push(id)
                    return .values(1)
                } catch let error as FileRefused {
                    return call.failure(error.description)
                } catch let error as CSVReader.Failure {
                    return call.failure(error.description)
                }
            },
            "csv_next": { call in
                let id = try call.integer(1)
                guard let reader = context.csvReaders[id], let header = context.csvHeaders[id] else { return .values(0) }
                do {
                    guard let record = try reader.next() else {
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
                    throw LuaCallError(error.description)
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
