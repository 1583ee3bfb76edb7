// What a profile held before a run changed one identity or one custom attribute: the identity's identifier
// (by handle) or the attribute's `{type, value}` (by namespace:handle), or nothing when it had none. The
// first record of a run wins, so `undo` puts back what was there before the run, however often it wrote.
public import OmneoModel
import GRDB

public struct BeforeField: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case identity, attribute
    }

    public var profileID: String
    public var kind: Kind
    /// The identity's handle, or `namespace:handle`.
    public var key: String
    /// The identifier (a string) or `{type, value}`; nil when the profile had none.
    public var value: JSONValue?

    public init(profileID: String, kind: Kind, key: String, value: JSONValue?) {
        self.profileID = profileID
        self.kind = kind
        self.key = key
        self.value = value
    }
}

extension Journal {
    public func before(runID: String, field: BeforeField) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO before_field (run_id, profile_id, kind, key, value, read_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [runID, field.profileID, field.kind.rawValue, field.key, field.value.map { String(decoding: $0.serialized(), as: UTF8.self) }, Self.now]
            )
        }
    }

    /// Every field the run recorded before changing it, in the order it first did.
    public func beforeFields(runID: String) throws(JournalError) -> [BeforeField] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT profile_id, kind, key, value FROM before_field WHERE run_id = ? ORDER BY rowid", arguments: [runID]).compactMap { row in
                guard let kind = BeforeField.Kind(rawValue: row["kind"]) else { return nil }
                let text: String? = row["value"]
                return BeforeField(profileID: row["profile_id"], kind: kind, key: row["key"], value: text.flatMap { JSONValue(json: Array($0.utf8)) })
            }
        }
    }
}
