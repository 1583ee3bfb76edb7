// One `omneo.<module>`: its Swift functions, the Lua glue that exposes them, and its names.
import OmneoModel
package import LuaHost

package protocol OmneoModule: SendableMetatype {
    /// Every Lua name the module defines (e.g. "omneo.log.info"); "omneo.args.*" means any field.
    static var names: [String] { get }
    /// Swift functions, reachable by the glue as `host.<key>`.
    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction]
    /// Lua run as `glue(omneo, host)`; it defines `omneo.<module>` and documents it (LuaCATS), in
    /// Lua/omneo/<module>.lua (embedded by the EmbedLua plugin; tools/make-omneo-meta.py gathers its docs).
    static var glue: String { get }
}

extension OmneoModule {
    package static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] { [:] }
}

/// Every module of the `omneo` table, in the order their glue runs.
package enum OmneoModules {
    /// The built-in modules; `RecipeOptions.extraModules` adds more (omneo.test). A module's metatype is
    /// Sendable (SendableMetatype), so these lists cross tasks without an unchecked promise.
    package static let all: [any OmneoModule.Type] = [
        OmneoRunInfo.self, OmneoParams.self, OmneoLog.self, OmneoJSON.self, OmneoCSV.self,
        OmneoStatuses.self, OmneoProfiles.self, OmneoProfileWrites.self, OmneoProfileStatuses.self, OmneoProfileTags.self,
        OmneoProfileIdentities.self, OmneoProfileAttributes.self, OmneoBatches.self, OmneoReport.self, OmneoTasks.self,
    ]

    /// The names `omneo-run check` accepts.
    package static func names(with extra: [any OmneoModule.Type] = []) -> Set<String> {
        Set(["omneo"] + (all + extra).flatMap { $0.names })
    }
}
