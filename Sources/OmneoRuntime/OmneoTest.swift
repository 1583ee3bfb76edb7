// omneo.test: cases, assertions with readable diffs, fixtures, recipe runs and end-state checks for
// `*_test.lua` files run by `omneo-run test`.
import Foundation
import LuaHost
import OmneoSandbox

enum OmneoTest: OmneoModule {
    static let names = [
        "omneo.test", "omneo.test.case", "omneo.test.expect", "omneo.test.tenant", "omneo.test.run",
        "omneo.test.profile", "omneo.test.requests",
    ]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        func harness(_ call: LuaCall) throws -> TestHarness {
            guard let harness = context.options.testHarness else {
                throw LuaCallError("\(call.functionName) works only in test files run by `omneo-run test`")
            }
            return harness
        }
        return [
            "omneo.test.begin": { call in
                call.push(try harness(call).shouldRun(try call.string(1)))
                return .values(1)
            },
            "omneo.test.record": { call in
                try harness(call).record(.init(
                    name: try call.string(1), passed: call.value(2).isTruthy, message: try call.optionalString(3),
                    seconds: try call.number(4)
                ))
                return .values(0)
            },
            "omneo.test.clock": { call in
                let now = ContinuousClock.now - Self.epoch
                call.push(Double(now.components.seconds) + Double(now.components.attoseconds) * 1e-18)
                return .values(1)
            },
            "omneo.test.tenant": { call in
                let harness = try harness(call)
                let seed = try Self.seed(call.table(1), call)
                let session = context.session
                return context.park(call) {
                    await harness.server.store.reseed(seed)
                    await session?.forget()
                    harness.mark = harness.server.requestLog.total
                    return []
                }
            },
            "omneo.test.profile": { call in
                let harness = try harness(call)
                let id = try call.string(1)
                return context.park(call) {
                    switch await harness.server.store.inspect(profileID: id) {
                    case .live(let profile): [profile.luaValue]
                    case .deleted(let profile): [profile.luaValue, "deleted"]
                    case .absent: [.nil, "absent"]
                    }
                }
            },
            "omneo.test.requests": { call in
                let harness = try harness(call)
                let entries = harness.server.requestLog.entries(after: harness.mark).map { entry -> LuaValue in
                    .object([
                        "method": .string(entry.method), "endpoint": .string(entry.endpoint), "target": .string(entry.target),
                        "status": .integer(Int64(entry.status)), "write": .boolean(entry.isWrite),
                    ])
                }
                try call.push(.array(entries))
                return .values(1)
            },
            "omneo.test.run": { call in
                _ = try harness(call)
                let options = try NestedRun.options(call, outer: context.options)
                return context.park(call) { [try await NestedRun.run(options)] }
            },
        ]
    }

    private static let epoch = ContinuousClock.now

    /// `{statuses = {"vip", {handle="staff", name="Staff"}}, profiles = {{id=, email=, statuses=}, ...}}`.
    static func seed(_ value: LuaValue, _ call: LuaCall) throws -> TenantSeed {
        guard case .object(let root) = JSONValue(value) else { throw call.argumentError(1, "table with statuses and profiles expected") }
        let statuses = (root["statuses"]?.arrayValue ?? []).enumerated().map { index, entry -> JSONValue in
            if case .string(let handle) = entry { return .object(["id": .number(Double(index + 1)), "handle": .string(handle)]) }
            return entry
        }
        let json = JSONValue.object(["statuses": .array(statuses), "profiles": root["profiles"] ?? .array([])])
        do {
            return try TenantSeed(json: try JSONEncoder().encode(json), source: "omneo.test.tenant")
        } catch let error as SandboxConfigurationError {
            throw call.argumentError(1, error.description.replacingOccurrences(of: "omneo.test.tenant: ", with: ""))
        }
    }

    static let glue = EmbeddedLua.omneoTest
}
