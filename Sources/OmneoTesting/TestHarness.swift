// What `omneo-run test` hands a test file: its sandbox tenant, the case filter, and where results go.
import OmneoRuntime
import OmneoSession
import OmneoModel
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
