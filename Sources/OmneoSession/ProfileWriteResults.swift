// What the profile writes answer, before the binding layer turns them into Lua values.
package import OmneoModel

/// A create or update: the profile as the tenant answered, or (dry run) the fields that would be sent.
package enum ProfileWriteResult: Sendable {
    case written(OmneoProfile)
    /// Never sent: the fields, over the profile as it is for an update.
    case planned([String: JSONValue])
}

/// How an upsert job ended, row by row (rows numbered as in the recipe's list).
package struct UpsertResult: Sendable {
    package enum Outcome: String, Sendable {
        case created, updated, failed, invalid
        case wouldCreate = "would_create"
        case wouldUpdate = "would_update"
    }

    package struct Row: Sendable {
        package var index: Int
        package var outcome: Outcome
        package var id: String?
        package var error: String?
    }

    package var rows: [Row]
    /// Batches still pending when the wait gave up.
    package var pending: [String]
    package var dryRun: Bool

    package var created: [String] { rows.filter { $0.outcome == .created }.compactMap(\.id) }
    package var updated: [String] { rows.filter { $0.outcome == .updated }.compactMap(\.id) }
    package var failures: [Row] { rows.filter { $0.outcome == .failed || $0.outcome == .invalid } }
}
