// Network-bound omneo functions suspend the recipe's coroutine; Swift does the work, then resumes it.
package import OmneoSession
package import LuaHost
import OmneoClient

/// The work behind one suspended call; its values become the call's results in Lua.
package typealias HostOperation = @Sendable () async throws -> [LuaValue]

extension RecipeContext {
    /// Suspends the calling coroutine until `operation` is done (the scheduler runs it).
    package func park(_ call: LuaCall, _ operation: @escaping HostOperation) -> LuaResult {
        scheduler.park(operation)
        call.pushHostYieldTag()
        return .yield(1)
    }

    /// The run's tenant (its session and workers), or the error that says how to get one.
    package func requireTenant(_ call: LuaCall) throws -> TenantServices {
        guard let tenant else {
            missingTenant = true
            throw LuaCallError("\(call.functionName): this run has no tenant: pass --tenant NAME (see `omneo-run tenants`) or --sandbox")
        }
        return tenant
    }
}

extension RecipeContext {
    /// Parks `body` so that what can happen in a healthy run comes back as `nil, message` and a misuse as
    /// `nil, message, "misuse"` (the glue raises it at the recipe's line); a refusal stops the run.
    func parkAnswer(_ call: LuaCall, _ body: @escaping @Sendable () async throws -> [LuaValue]) -> LuaResult {
        let arguments = options.arguments, defaults = options.defaultArguments
        return park(call) {
            do {
                return try await body()
            } catch let error as OmneoClientError where !error.stopsTheRun {
                return [.nil, .string(error.description)]
            } catch let error as ExpectedFailure {
                return [.nil, .string(error.message)]
            } catch let error as WriteMisuse {
                return [.nil, .string(error.message + Self.argumentSource(of: error.value, arguments: arguments, defaults: defaults)), .string("misuse")]
            }
        }
    }
}

extension RecipeContext {
    /// For host functions the glue wraps: an argument error comes back as `nil, message, "misuse"`, so the
    /// glue can raise it at the recipe's line rather than its own.
    func misuseAsValue(_ call: LuaCall, _ body: () throws -> LuaResult) -> LuaResult {
        do {
            return try body()
        } catch let error as LuaCallError {
            call.pushNil()
            call.push(error.message)
            call.push("misuse")
            return .values(3)
        } catch {
            call.pushNil()
            call.push(String(describing: error))
            call.push("misuse")
            return .values(3)
        }
    }
}

/// Shared by the glue of every network-bound module: raise a misuse at the caller's line. Prepended to a
/// module's glue: Lua/host_glue.lua ends with a newline, so the module's lines follow on lines of their own.
enum HostGlue {
    package static let checked = EmbeddedLua.hostGlue
}
