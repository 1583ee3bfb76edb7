// One item of a processed batch: which entity, and why it failed when it did.
public struct BatchItem: Sendable, Hashable {
    public var id: String?
    public var entityID: String?
    public var status: String?
    public var error: String?

    public var failed: Bool { status == "failed" || (status == nil && error != nil) }

    package init(_ value: JSONValue) {
        id = value["id"]?.lenientString
        entityID = value["entity_id"]?.lenientString
        status = value["status"]?.stringValue
        error = value["error"]?.lenientString
    }
}
