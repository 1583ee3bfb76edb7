// The runs of one fan-out (a recipe run over several tenants at once): one group id, one run per tenant.
import GRDB

extension Journal {
    /// The runs of group `id`, by tenant name; empty when no run has that group.
    public func runs(group id: String) throws(JournalError) -> [RunRecord] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM run WHERE group_id = ? ORDER BY tenant, started_at", arguments: [id])
            return try rows.map { try Self.record($0, db) }
        }
    }

    /// True when `reference` reads as a group id (`g` then a run id's stamp), never as a run id (a run id starts
    /// with a digit).
    public static func isGroupReference(_ reference: String) -> Bool {
        reference.hasPrefix("g") && reference.dropFirst().first?.isNumber == true
    }
}
