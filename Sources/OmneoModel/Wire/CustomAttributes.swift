// A profile's custom_attributes read from either shape a tenant sends, as one: namespace -> handle -> value.
public struct CustomAttributes: Sendable, Hashable {
    /// namespace -> handle -> value, each value as the tenant sent it (often a string, whatever its type).
    public private(set) var values: [String: [String: JSONValue]] = [:]

    public init(_ value: JSONValue?) {
        switch value {
        case .array(let entries):
            // The vendor SDK's CustomAttribute type and the batch docs: {namespace, handle, type, value}.
            for entry in entries {
                guard let namespace = entry["namespace"]?.lenientString, let handle = entry["handle"]?.lenientString,
                      values[namespace]?[handle] == nil
                else { continue }
                values[namespace, default: [:]][handle] = entry["value"] ?? .null
            }
        case .object(let namespaces):
            // The vendor SDK's live-tenant test reads `custom_attributes[namespace][handle]` as the value itself.
            for (namespace, handles) in namespaces {
                if let handles = handles.objectValue { values[namespace] = handles }
            }
        default:
            break
        }
    }

    public subscript(namespace: String, handle: String) -> JSONValue? { values[namespace]?[handle] }

    /// The object keyed by namespace then handle: the one shape recipes see. The array's `type` is not kept
    /// (the object shape has none to give).
    public var byNamespace: JSONValue { .object(values.mapValues { .object($0) }) }
}
