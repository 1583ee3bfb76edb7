// A status definition of the tenant (`GET /v3/statuses`), with the raw object for fields not typed here.
public struct OmneoStatus: Sendable, Hashable {
    public var id: Int?
    public var handle: String
    public var name: String
    public var groupHandle: String?
    public var sortOrder: Int?
    public var description: String?
    public var raw: [String: JSONValue]

    /// Nil when the object has no handle: without one a status cannot be assigned, so it is skipped.
    public init?(_ value: JSONValue) {
        guard let object = value.objectValue, let handle = object["handle"]?.lenientString, !handle.isEmpty else { return nil }
        self.handle = handle
        id = object["id"]?.lenientInt
        name = object["name"]?.lenientString ?? handle
        groupHandle = object["group_handle"]?.lenientString
        sortOrder = object["sort_order"]?.lenientInt
        description = object["description"]?.lenientString
        raw = object
    }
}
