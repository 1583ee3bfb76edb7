// omneo.report.row: one outcome per input row, appended to the run report as the run goes.
import OmneoModel
import LuaHost

enum OmneoReport: OmneoModule {
    static let names = ["omneo.report", "omneo.report.row"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["omneo.report.row": { call in
            let key = try call.string(1)
            let outcome = try call.string(2)
            guard RunReport.outcomes.contains(outcome) else {
                let hint = Suggestion.closest(to: outcome, among: RunReport.outcomes).map { " (did you mean '\($0)'?)" } ?? ""
                throw call.argumentError(2, "unknown outcome '\(outcome)'\(hint); one of \(RunReport.outcomes.joined(separator: ", "))")
            }
            let detail = try call.optionalString(3)
            let profileID = try call.optionalString(4)
            context.options.progress.row()
            if let problem = context.report.row(key: key, profileID: profileID, outcome: outcome, detail: detail) {
                context.log(.warn, problem)
            }
            return .values(0)
        }]
    }

    static let glue = EmbeddedLua.omneoReport
}
