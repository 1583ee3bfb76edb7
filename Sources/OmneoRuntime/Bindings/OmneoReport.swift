// omneo.report.row: one outcome per input row, appended to the run report as the run goes.
import OmneoModel
import OmneoSession
import LuaHost

enum OmneoReport: OmneoModule {
    static let names = ["omneo.report", "omneo.report.row"]

    /// The fields of the table form, `omneo.report.row{...}`.
    static let fields = ["row", "key", "email", "profile_id", "outcome", "change", "detail"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        ["omneo.report.row": { call in
            let row = call.typeName(1) == "table" ? try fromTable(call) : try positional(call)
            guard RunReport.outcomes.contains(row.outcome) else {
                let hint = Suggestion.closest(to: row.outcome, among: RunReport.outcomes).map { " (did you mean '\($0)'?)" } ?? ""
                throw call.argumentError(call.typeName(1) == "table" ? 1 : 2,
                    "unknown outcome '\(row.outcome)'\(hint); one of \(RunReport.outcomes.joined(separator: ", "))")
            }
            context.options.progress.row()
            if let problem = context.report.row(row) {
                context.log(.warn, problem)
            }
            return .values(0)
        }]
    }

    /// `omneo.report.row(key, outcome [, detail [, profile_id]])`.
    private static func positional(_ call: LuaCall) throws -> ReportRow {
        ReportRow(key: try call.string(1), profileID: try call.optionalString(4), outcome: try call.string(2), detail: try call.optionalString(3))
    }

    /// `omneo.report.row{row=, key=, email=, profile_id=, outcome=, change=, detail=}`.
    private static func fromTable(_ call: LuaCall) throws -> ReportRow {
        let table = try call.table(1).tableValue ?? [:]
        var text: [String: String] = [:]
        var line: Int?
        for (key, value) in table {
            guard let name = key.stringValue, fields.contains(name) else {
                let shown = key.stringValue ?? key.typeName
                let hint = key.stringValue.flatMap { Suggestion.closest(to: $0, among: fields) }.map { " (did you mean '\($0)'?)" } ?? ""
                throw call.argumentError(1, "unknown field '\(shown)'\(hint); a row has \(fields.joined(separator: ", "))")
            }
            if name == "row" {
                guard let number = value.integerValue, number > 0 else {
                    throw call.argumentError(1, "row must be the input line (a positive integer), got \(value.typeName)")
                }
                line = Int(number)
                continue
            }
            guard let string = value.stringValue else {
                throw call.argumentError(1, "\(name) must be a string, got \(value.typeName)")
            }
            text[name] = string
        }
        guard let outcome = text["outcome"] else { throw call.argumentError(1, "outcome is missing") }
        let email = text["email"].flatMap { $0.isEmpty ? nil : $0 }
        let profileID = text["profile_id"].flatMap { $0.isEmpty ? nil : $0 }
        return ReportRow(
            line: line, key: text["key"] ?? email ?? profileID ?? "", email: email, profileID: profileID, outcome: outcome,
            change: text["change"], detail: text["detail"])
    }

    static let glue = EmbeddedLua.omneoReport
}
