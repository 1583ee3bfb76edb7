// omneo.test: cases, assertions with readable diffs, fixtures, recipe runs and end-state checks for
// `*_test.lua` files run by `omneo-run test`.
package import OmneoRuntime
import OmneoSession
import OmneoModel
import Foundation
package import LuaHost
import OmneoSandbox

package enum OmneoTest: OmneoModule {
    package static let names = [
        "omneo.test", "omneo.test.case", "omneo.test.expect", "omneo.test.tenant", "omneo.test.run",
        "omneo.test.profile", "omneo.test.requests",
    ]

    package static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        func harness(_ call: LuaCall) throws -> TestHarness {
            guard let harness = context.options.harness as? TestHarness else {
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
                let tenant = context.tenant
                return context.park(call) {
                    await harness.server.store.reseed(seed)
                    await tenant?.session.forget()
                    harness.mark = harness.server.requestLog.total
                    return []
                }
            },
            "omneo.test.profile": { call in
                let harness = try harness(call)
                let id = try call.string(1)
                return context.park(call) {
                    switch await harness.server.store.inspect(profileID: id) {
                    case .live(let profile): [OmneoProfile.luaValue(profile.objectValue ?? [:])]
                    case .deleted(let profile): [OmneoProfile.luaValue(profile.objectValue ?? [:]), "deleted"]
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
                let options = try NestedRun.options(call, outer: context)
                return context.park(call) { [try await NestedRun.run(options)] }
            },
        ]
    }

    private static let epoch = ContinuousClock.now

    private static func fixture(_ value: LuaValue) -> Result<JSONValue, LuaCallError> {
        Result { () throws(LuaCallError) -> JSONValue in try value.jsonValue(at: "tenant") }
    }

    /// `{statuses = {"vip", {handle="staff", name="Staff"}}, profiles = {{id=, email=, statuses=}, ...}}`.
    static func seed(_ value: LuaValue, _ call: LuaCall) throws -> TenantSeed {
        let json = try fixtureJSON(value, call)
        do {
            return try TenantSeed(json: json, source: "omneo.test.tenant")
        } catch {
            throw call.argumentError(1, error.description.replacingOccurrences(of: "omneo.test.tenant: ", with: ""))
        }
    }

    /// The fixture as the sandbox's seed JSON. Statuses and profiles are lists: an empty table given for
    /// one is the empty list, and a bare handle is a status with only that.
    private static func fixtureJSON(_ value: LuaValue, _ call: LuaCall) throws -> Data {
        let root = try value.jsonValue(at: "tenant").objectValue
        guard let root else { throw call.argumentError(1, "table with statuses and profiles expected") }
        var statuses: [JSONValue] = []
        for (index, entry) in (root["statuses"]?.arrayValue ?? []).enumerated() {
            if let handle = entry.stringValue {
                statuses.append(.object(["id": .integer(Int64(index + 1)), "handle": .string(handle)]))
            } else {
                statuses.append(entry)
            }
        }
        // Each profile's list fields as the profile write path has them (`statuses = {}` is no statuses).
        // Anything but a list (or an empty table) goes to the seed as it is, which says what is wrong with it.
        var profiles = root["profiles"] ?? .array([])
        if profiles == .object([:]) { profiles = .array([]) }
        if let list = profiles.arrayValue {
            profiles = .array(list.map { $0.objectValue.map { JSONValue.object(ProfileFieldRules.emptyListsAsArrays($0)) } ?? $0 })
        }
        return Data(JSONValue.object(["statuses": .array(statuses), "profiles": profiles]).serialized())
    }

    package static let glue = EmbeddedLua.omneoTest
}
