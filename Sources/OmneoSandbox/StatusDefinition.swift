// A status definition of the tenant (`GET /v3/statuses`).
import OmneoModel
public struct StatusDefinition: Sendable, Hashable {
    public var id: Int
    public var handle: String
    public var name: String
    public var groupHandle: String?
    public var sortOrder: Int
    public var description: String?

    public init(id: Int, handle: String, name: String, groupHandle: String? = nil, sortOrder: Int = 0, description: String? = nil) {
        self.id = id
        self.handle = handle
        self.name = name
        self.groupHandle = groupHandle
        self.sortOrder = sortOrder
        self.description = description
    }

    func json(timestamp: String) -> JSONValue {
        .object([
            "id": .integer(Int64(id)),
            "handle": .string(handle),
            "name": .string(name),
            "group_handle": groupHandle.map(JSONValue.string) ?? .null,
            "sort_order": .integer(Int64(sortOrder)),
            "description": description.map(JSONValue.string) ?? .null,
            "created_at": .string(timestamp),
            "updated_at": .string(timestamp),
        ])
    }
}
