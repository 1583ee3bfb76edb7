// Which runs `omneo-run runs` lists (and `--prune` considers): by tenant name, start time, recipe, and
// whether runs against the built-in sandbox count.
import GRDB

public struct RunFilter: Sendable {
    /// The tenant's name as the run recorded it.
    public var tenant: String?
    /// Runs that started at or after this time (seconds since 1970).
    public var since: Double?
    /// Runs that started before this time (`--prune`).
    public var before: Double?
    /// A recipe's file name (`tag-influencers.lua`, or without `.lua`) or its absolute path.
    public var recipe: String?
    /// Runs against `--sandbox` (not resumable, nothing to undo) are left out unless this is set.
    public var includeSandbox = false
    public var limit: Int?
    /// Only the runs of this fan-out group.
    public var group: String?

    public init() {}

    /// The SQL condition and its arguments.
    var condition: (sql: String, arguments: [(any DatabaseValueConvertible)?]) {
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let tenant {
            clauses.append("tenant = ?")
            arguments.append(tenant)
        }
        if let since {
            clauses.append("started_at >= ?")
            arguments.append(since)
        }
        if let before {
            clauses.append("started_at < ?")
            arguments.append(before)
        }
        if let recipe {
            let name = Journal.likeEscaped(recipe)
            clauses.append("(recipe_path = ? OR recipe_path LIKE ? ESCAPE '\\' OR recipe_path LIKE ? ESCAPE '\\')")
            arguments += [recipe, "%/" + name, "%/" + name + ".lua"]
        }
        if let group {
            clauses.append("group_id = ?")
            arguments.append(group)
        }
        if !includeSandbox { clauses.append("resumable = 1") }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }
}

extension RunFilter {
    /// Every run, sandbox ones included.
    public static var everything: RunFilter {
        var filter = RunFilter()
        filter.includeSandbox = true
        return filter
    }
}
