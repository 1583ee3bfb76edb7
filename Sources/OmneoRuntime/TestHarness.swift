// What `omneo-run test` hands a test file: its sandbox tenant, the case filter, and where results go.
import LuaHost
public import OmneoSandbox

public final class TestHarness: @unchecked Sendable {
    public struct CaseResult: Sendable {
        public var name: String
        public var passed: Bool
        /// The failed assertion or error, `file:line: message`.
        public var message: String?
        public var seconds: Double

        public init(name: String, passed: Bool, message: String?, seconds: Double) {
            self.name = name
            self.passed = passed
            self.message = message
            self.seconds = seconds
        }
    }

    public let server: SandboxServer
    let filter: String?
    /// Requests before this sequence number belong to an earlier fixture.
    var mark = 0
    public private(set) var results: [CaseResult] = []
    /// Called as each case ends, so the runner can print it at once.
    let report: @Sendable (CaseResult) -> Void

    public init(server: SandboxServer, filter: String?, report: @escaping @Sendable (CaseResult) -> Void) {
        self.server = server
        self.filter = filter
        self.report = report
    }

    func shouldRun(_ name: String) -> Bool {
        guard let filter, !filter.isEmpty else { return true }
        return name.range(of: filter) != nil
    }

    func record(_ result: CaseResult) {
        results.append(result)
        report(result)
    }
}

extension JSONValue {
    /// Lua data as fixture JSON: sequences become arrays, other tables objects.
    init(_ value: LuaValue) {
        switch value {
        case .nil: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .integer(let number): self = .number(Double(number))
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text.description)
        case .table(let table):
            if let elements = value.arrayElements, !(elements.isEmpty && !table.isEmpty) {
                self = .array(elements.map(JSONValue.init))
            } else {
                var object: [String: JSONValue] = [:]
                for (key, element) in table { if let name = key.stringValue { object[name] = JSONValue(element) } }
                self = .object(object)
            }
        }
    }

    var luaValue: LuaValue {
        switch self {
        case .null: .nil
        case .bool(let flag): .boolean(flag)
        case .number(let number):
            number.rounded() == number && abs(number) < 9.0e15 ? .integer(Int64(number)) : .number(number)
        case .string(let text): .string(text)
        case .array(let list): .array(list.map(\.luaValue))
        case .object(let fields): .object(fields.mapValues(\.luaValue))
        }
    }
}
