// omneo.spawn / omneo.wait / omneo.each: recipe code that runs side by side while calls wait on the tenant.
import LuaHost

enum OmneoTasks: OmneoModule {
    static let names = ["omneo.spawn", "omneo.wait", "omneo.each"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.spawn": { call in
                guard call.typeName(1) == "function" else { throw call.argumentError(1, "function expected, got \(call.typeName(1))") }
                guard let state = context.state else { throw LuaCallError("omneo.spawn: no Lua state") }
                do {
                    call.push(Int64(try context.scheduler.spawn(state.reference(call, argument: 1), in: state)))
                    return .values(1)
                } catch let refusal as LuaCallError {
                    return call.failure(refusal.message)  // the glue raises it at the recipe's line
                }
            },
            "omneo.wait": { call in
                var tasks: [Int] = []
                for index in 1...max(call.argumentCount, 1) {
                    guard let id = (try? call.value(index))?["task"].integerValue else {
                        throw call.argumentError(index, "task expected (what omneo.spawn returned), got \(call.typeName(index))")
                    }
                    tasks.append(Int(id))
                }
                if tasks.contains(context.scheduler.current) { throw LuaCallError("omneo.wait: a task cannot wait for itself") }
                context.scheduler.wait(for: tasks)
                call.pushHostYieldTag()
                return .yield(1)
            },
        ]
    }

    static let glue = EmbeddedLua.omneoTasks
}
