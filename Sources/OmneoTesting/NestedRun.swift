// `omneo.test.run(recipe, args, opts)`: a recipe run inside a test, on the test's tenant, its summary
// and report handed back as a table.
import OmneoRuntime
import OmneoSession
import Foundation
import LuaHost

enum NestedRun {
    /// The nested run's options: the recipe must be a .lua file where require would look (the test's folder,
    /// --lib folders, the stdlib), so a test cannot run, or quote in a syntax error, a file outside them.
    static func options(_ call: LuaCall, outer context: RecipeContext) throws -> RecipeOptions {
        let outer = context.options
        let path: String
        do {
            path = try context.searchPath.recipeFile(try call.string(1))
        } catch let refused as FileRefused {
            throw LuaCallError("omneo.test.run: \(refused.description)")
        }
        let arguments = call.isNil(2) ? LuaValue.nil : try call.table(2)
        let flags = call.isNil(3) ? LuaValue.nil : try call.table(3)
        var options = RecipeOptions(recipePath: path)
        for (key, value) in arguments.tableValue ?? [:] {
            guard let key = key.stringValue else { throw call.argumentError(2, "argument names must be strings") }
            let text: String = switch value {
            case .string(let text): text.description
            case .integer(let number): String(number)
            case .number(let number): String(number)
            case .boolean(let flag): String(flag)
            default: throw call.argumentError(2, "argument '\(key)' must be a string, number or boolean")
            }
            options.arguments.append((key: key, value: text))
        }
        options.arguments.sort { $0.key < $1.key }
        options.libraryDirectories = outer.libraryDirectories
        options.readableDirectories = outer.readableDirectories
        options.stdlibDirectory = outer.stdlibDirectory
        options.client = outer.client
        options.tenant = outer.tenant
        options.concurrency = outer.concurrency
        options.timeout = outer.timeout
        options.maxMemoryMB = outer.maxMemoryMB
        options.dryRun = flags["dry_run"].isTruthy
        options.runID = "test-" + UUID().uuidString.prefix(8).lowercased()
        options.reportPath = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-test-\(options.runID).csv").path
        options.verbosity = .normal
        options.lintFirst = true
        return options
    }

    static func run(_ options: RecipeOptions) async throws -> LuaValue {
        let log = LogLines()
        var options = options
        options.log = { level, message in log.append("\(level.rawValue): \(message)") }
        let before = options.client?.statistics.requestsSent ?? 0
        let result = await RecipeRunner.execute(options)
        var fields: [String: LuaValue] = [
            "ok": .boolean(result.outcome == .finished),
            "outcomes": .object(result.summary.outcomes.mapValues { .integer(Int64($0)) }),
            "rows": .integer(Int64(result.summary.rows)),
            "requests": .integer(Int64((options.client?.statistics.requestsSent ?? 0) - before)),
            "plan": .array(result.summary.plan.map { .string($0) }),
            "log": .array(log.lines.map { .string($0) }),
            "report": .array(reportRows(options.reportPath)),
        ]
        switch result.outcome {
        case .finished: break
        case .failed(let message, _), .stopped(let message), .unusable(let message), .refused(let message), .interrupted(let message):
            fields["error"] = .string(message)
        }
        if let path = options.reportPath { try? FileManager.default.removeItem(atPath: path) }
        return .object(fields)
    }

    private static func reportRows(_ path: String?) -> [LuaValue] {
        guard let path, let reader = try? CSVReader(path: path, displayPath: path) else { return [] }
        defer { reader.close() }
        var rows: [LuaValue] = []
        var header: [String]?
        while let record = try? reader.next() {
            let fields = record.fields.map { String(decoding: $0, as: UTF8.self) }
            guard let names = header else {
                header = fields
                continue
            }
            var row: [String: LuaValue] = [:]
            for (name, field) in zip(names, fields) { row[name] = .string(field) }
            rows.append(.object(row))
        }
        return rows
    }
}

private final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
