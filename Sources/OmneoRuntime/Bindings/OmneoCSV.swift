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

    static let glue = #"""
    local omneo, host = ...
    local setmetatable, type, error = setmetatable, type, error
    local open, next_row, close = host["omneo.csv.rows"], host.csv_next, host.csv_close
    local csv = {}

    --- Iterates over the rows of a CSV file, one table per row keyed by the header row's names
    --- (values are strings), with the row's line number as the second value. Streams: the file is
    --- never loaded whole. Relative paths are looked up next to the recipe, then in the current
    --- directory; only the recipe's folder, the current directory and --lib folders may be read.
    --- RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF, a UTF-8 BOM.
    --- Raises "file.csv:LINE: ..." on a malformed row or a row whose field count differs.
    --- Example:
    ---   for row, line in omneo.csv.rows("data/creators.csv") do
    ---     if tonumber(row.followers) >= 10000 then ... end
    ---   end
    ---@param path string
    ---@return fun(): table<string,string>, integer
    function csv.rows(path)
      if type(path) ~= "string" then
        error("bad argument #1 to 'omneo.csv.rows' (string expected, got " .. type(path) .. ")", 2)
      end
      local id, err = open(path)
      if not id then error(err, 2) end
      local closer = setmetatable({}, { __close = function() close(id) end })
      -- The host function is the iterator itself, so its errors point at the recipe's `for` line.
      return next_row, id, nil, closer
    end

    omneo.csv = csv
    """#
}
