// The shape the sandbox serves a profile's custom_attributes in. The tenant's own model: it keeps what was
// written (or seeded) and renders it on the way out, without the client's reader.
import OmneoModel

public enum AttributeShape: String, Sendable, CaseIterable {
    /// `{"loyalty": {"lifetime_spend": "120.00"}}`: how the vendor SDK's live-tenant test reads it.
    case object
    /// `[{"namespace", "handle", "type", "value"}]`: the SDK's type and the documented shape.
    case array

    /// What the tenant holds (an array from writes; either shape from a seed) as this shape shows it.
    func render(_ held: JSONValue) -> JSONValue {
        switch (self, held) {
        case (.object, .array(let rows)):
            var namespaces: [String: [String: JSONValue]] = [:]
            for row in rows {
                guard let namespace = row["namespace"]?.stringValue, let handle = row["handle"]?.stringValue,
                      namespaces[namespace]?[handle] == nil
                else { continue }
                namespaces[namespace, default: [:]][handle] = row["value"] ?? .null
            }
            // PHP encodes an empty associative array as `[]`, so a live tenant's "no attributes" is a list.
            return namespaces.isEmpty ? .array([]) : .object(namespaces.mapValues { .object($0) })
        case (.array, .object(let namespaces)):
            return .array(namespaces.sorted { $0.key < $1.key }.flatMap { namespace, handles in
                (handles.objectValue ?? [:]).sorted { $0.key < $1.key }.map { handle, value in
                    .object(["namespace": .string(namespace), "handle": .string(handle), "type": .string(Self.type(of: value)), "value": value])
                }
            })
        default:
            return held
        }
    }

    /// A seeded value's type, in the vendor's CustomAttributeInput names.
    private static func type(of value: JSONValue) -> String {
        switch value {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        case .object, .null: "json"
        }
    }
}
