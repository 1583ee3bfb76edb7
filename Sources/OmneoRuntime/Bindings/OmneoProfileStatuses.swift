// omneo.profile_statuses: add and remove status handles through the additive batch endpoints, never a PUT.
import OmneoModel
import LuaHost
import OmneoClient
import OmneoSession

enum OmneoProfileStatuses: OmneoModule {
    static let names = [
        "omneo.profile_statuses", "omneo.profile_statuses.add", "omneo.profile_statuses.remove", "omneo.profile_statuses.set",
        "omneo.profile_statuses.add_by_email", "omneo.profile_statuses.remove_by_email",
        "omneo.profile_statuses.adder", "omneo.profile_statuses.remover",
    ]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        func writer(attach: Bool) -> LuaFunction {
            { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let (entries, chunk) = try Self.entries(call)
                    return context.parkAnswer(call) {
                        [try await tenant.statuses.write(entries, attach: attach, chunk: chunk).luaValue]
                    }
                }
            }
        }
        func byEmail(attach: Bool) -> LuaFunction {
            { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    guard let list = try call.table(1).arrayElements else { throw call.argumentError(1, "list of emails expected") }
                    let emails = list.map { $0.stringValue ?? "" }
                    let handles = try Self.handles(call, 2)
                    let options = call.isNil(3) ? LuaValue.nil : try call.table(3)
                    let chunk = options["chunk"].integerValue.map(Int.init) ?? 250
                    let plan = try ResolvePlan.option(options, argument: 3, of: call)
                    return context.parkAnswer(call) {
                        let (resolution, job) = try await tenant.writeByEmail(emails, handles: handles, attach: attach, chunk: chunk, plan: plan)
                        return [resolution.luaValue, job.luaValue]
                    }
                }
            }
        }
        func stream(attach: Bool) -> LuaFunction {
            { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let handles = try Self.handles(call, 1)
                    let options = call.isNil(2) ? LuaValue.nil : try call.table(2)
                    let chunk = options["chunk"].integerValue.map(Int.init) ?? 250
                    return context.parkAnswer(call) {
                        let id = try await tenant.statuses.openStream(handles: handles, attach: attach, chunk: chunk)
                        return [.integer(Int64(id))]
                    }
                }
            }
        }
        return [
            "omneo.profile_statuses.stream_open": { call in
                // The glue names the stream open (its id and the recipe's line) so an unended one fails the run.
                context.openStatusStreams[Int(try call.integer(1))] = try call.string(2)
                return .values(0)
            },
            "omneo.profile_statuses.stream_push": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = Int(try call.integer(1))
                    let ids: [String]
                    if let single = try? call.string(2) {
                        ids = [single]
                    } else {
                        guard let list = (try? call.table(2))?.arrayElements else {
                            throw LuaCallError("push: a profile id or a list of them expected, got \(call.typeName(2))")
                        }
                        ids = try list.enumerated().map { index, value in
                            guard let id = value.stringValue, !id.isEmpty else { throw LuaCallError("push: profile id \(index + 1) is not a string") }
                            return id
                        }
                    }
                    return context.parkAnswer(call) {
                        try await tenant.statuses.push(ids, to: id)
                        return [.boolean(true)]
                    }
                }
            },
            "omneo.profile_statuses.stream_finish": { call in
                let tenant = try context.requireTenant(call)
                let id = Int(try call.integer(1))
                context.openStatusStreams[id] = nil
                return context.parkAnswer(call) { [try await tenant.statuses.finishStream(id).luaValue] }
            },
            "omneo.profile_statuses.adder": stream(attach: true),
            "omneo.profile_statuses.remover": stream(attach: false),
            "omneo.profile_statuses.add_by_email": byEmail(attach: true),
            "omneo.profile_statuses.remove_by_email": byEmail(attach: false),
            "omneo.profile_statuses.add": writer(attach: true),
            "omneo.profile_statuses.remove": writer(attach: false),
            "omneo.profile_statuses.set": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let id = try call.string(1)
                    let wanted = try Self.handles(call, 2)
                    return context.parkAnswer(call) { [try await tenant.statuses.converge(id, to: wanted).luaValue] }
                }
            },
            "omneo.profile_statuses.wait": { call in
                let tenant = try context.requireTenant(call)
                let job = Int(try call.integer(1))
                let timeout = call.isNil(2) ? 300 : try call.number(2)
                return context.parkAnswer(call) { [try await tenant.statuses.wait(job: job, timeout: timeout).luaValue] }
            },
        ]
    }

    /// `(ids, handles [, opts])` or `({ {profile_id=, statuses=}, ... } [, opts])`.
    static func entries(_ call: LuaCall) throws -> ([StatusAssignment], Int) {
        let first = try call.table(1)
        guard let list = first.arrayElements else { throw call.argumentError(1, "list of profile ids or entries expected") }
        var entries: [StatusAssignment] = []
        let optionsIndex: Int
        if list.allSatisfy({ $0.tableValue != nil }) && !list.isEmpty {
            for (index, entry) in list.enumerated() {
                guard let id = entry["profile_id"].stringValue, !id.isEmpty,
                      let handles = entry["statuses"].arrayElements?.compactMap(\.stringValue), !handles.isEmpty
                else { throw call.argumentError(1, "entry \(index + 1) needs profile_id (string) and statuses (list of handles)") }
                entries.append(StatusAssignment(profileID: id, statuses: handles))
            }
            optionsIndex = 2
        } else {
            let handles = try Self.handles(call, 2)
            for (index, value) in list.enumerated() {
                guard let id = value.stringValue, !id.isEmpty else { throw call.argumentError(1, "profile id \(index + 1) is not a string") }
                entries.append(StatusAssignment(profileID: id, statuses: handles))
            }
            optionsIndex = 3
        }
        let options = call.isNil(optionsIndex) ? LuaValue.nil : try call.table(optionsIndex)
        let chunk = options["chunk"].integerValue.map(Int.init) ?? 250
        return (entries, chunk)
    }

    static func handles(_ call: LuaCall, _ index: Int) throws -> [String] {
        if let single = try? call.string(index) { return [single] }
        guard let list = try call.table(index).arrayElements, !list.isEmpty,
              case let handles = list.compactMap(\.stringValue), handles.count == list.count
        else { throw call.argumentError(index, "list of status handles expected") }
        return handles
    }

    static let glue = EmbeddedLua.omneoProfileStatuses
}
