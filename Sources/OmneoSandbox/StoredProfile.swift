// A profile as the sandbox keeps it: the open-ended fields plus what the server owns.
import OmneoModel
import Foundation

struct StoredProfile: Sendable {
    /// Fields the server owns; a write never sets them directly.
    static let serverFields: Set<String> = ["id", "statuses", "created_at", "updated_at", "statuses_original"]

    let id: String
    var fields: [String: JSONValue]
    var statuses: [String]
    let created: Date
    var updated: Date
    var deleted = false

    init(id: String, fields: [String: JSONValue], statuses: [String], created: Date) {
        self.id = id
        self.fields = fields.filter { !Self.serverFields.contains($0.key) }
        self.statuses = statuses
        self.created = created
        self.updated = created
    }

    var email: String? { fields["email"]?.stringValue }

    /// The key the email filter and `match_criteria: email` compare: trimmed and lower-cased,
    /// as MySQL's case-insensitive, pad-space collation compares it.
    static func emailKey(_ email: String) -> String {
        email.trimmingSpaces.lowercased()
    }

    var emailKey: String? { email.map(Self.emailKey) }

    func identifier(forIdentity handle: String) -> String? {
        fields["identities"]?.arrayValue?.first(where: { $0["handle"]?.stringValue == handle })?["identifier"]?.stringValue
    }

    /// The profile as the API shows it, `custom_attributes` in `shape`.
    func json(attributes shape: AttributeShape) -> JSONValue {
        var object = fields
        object["id"] = .string(id)
        object["statuses"] = .array(statuses.map(JSONValue.string))
        for list in ["tags", "identities", "custom_attributes"] where object[list] == nil {
            object[list] = .array([])
        }
        object["custom_attributes"] = object["custom_attributes"].map(shape.render)
        object["created_at"] = .string(Timestamp.string(created))
        object["updated_at"] = .string(Timestamp.string(updated))
        return .object(object)
    }

    /// Adds handles not yet held, keeping the order of the ones held; true when the set changed.
    mutating func attach(_ handles: [String]) -> Bool {
        var changed = false
        for handle in handles where !statuses.contains(handle) {
            statuses.append(handle)
            changed = true
        }
        return changed
    }

    mutating func detach(_ handles: [String]) -> Bool {
        let before = statuses.count
        statuses.removeAll(where: handles.contains)
        return statuses.count != before
    }
}
