// `GET /v3/batches/{id}`: how far a queued write got. Counts arrive as numbers or strings (lenient).
public struct BatchProgress: Sendable, Hashable {
    public var id: String
    public var entityType: String?
    /// "pending", "success" or "failed"; "success" can still hold failed items (see `failedCount`).
    public var status: String
    public var totalCount: Int?
    public var processedCount: Int
    public var successCount: Int
    public var failedCount: Int
    public var items: [BatchItem]

    /// Done when the tenant says so, or every entry has been processed.
    public var isDone: Bool {
        if status != "pending" { return true }
        if let totalCount, totalCount > 0 { return processedCount >= totalCount }
        return false
    }

    package init?(_ value: JSONValue) {
        let object = value["data"] ?? value
        guard let id = object["id"]?.lenientString ?? object["batch_id"]?.lenientString else { return nil }
        self.id = id
        entityType = object["entity_type"]?.stringValue
        status = object["status"]?.stringValue?.lowercased() ?? "pending"
        totalCount = object["total_count"]?.lenientInt
        items = object["items"]?.arrayValue?.map(BatchItem.init) ?? []
        let failedItems = items.count(where: \.failed)
        processedCount = object["processed_count"]?.lenientInt ?? items.count
        failedCount = object["failed_count"]?.lenientInt ?? failedItems
        successCount = object["success_count"]?.lenientInt ?? max(0, processedCount - failedCount)
    }
}
