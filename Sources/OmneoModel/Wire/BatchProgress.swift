// `GET /v3/batches/{id}`: how far a queued write got. Counts arrive as numbers or strings (lenient).
public struct BatchProgress: Sendable, Hashable {
    public var id: String
    public var entityType: String?
    /// Lower-cased and trimmed: "pending", "processing", "success", "failed", or whatever else the tenant says.
    /// "success" can still hold failed items (see `failedCount`).
    public var status: String
    public var totalCount: Int?
    public var processedCount: Int
    public var successCount: Int
    public var failedCount: Int
    public var items: [BatchItem]

    /// The vendor documents no list of states, so only these end a wait (omneo-api.md, "Batches": `success`,
    /// `failed`, and the synonyms a tenant might use).
    public static let finalStates: Set<String> = ["success", "failed", "completed", "complete", "error", "cancelled"]
    /// States known to mean "not yet": the documented `pending` and the `processing` a queue reports in
    /// between (omneo-api.md, "Batches"). Any other non-final state (`queued`, ...) also keeps the wait going,
    /// but is unrecognised, so the verbose log names it.
    public static let workingStates: Set<String> = ["pending", "processing"]

    /// Done in a known final state, or when every entry has been processed (total known and above 0);
    /// any other state, known or not, means the batch is still being worked on.
    public var isDone: Bool {
        if Self.finalStates.contains(status) { return true }
        if let totalCount, totalCount > 0 { return processedCount >= totalCount }
        return false
    }

    /// A state neither final nor known to mean "not yet": worth naming in the verbose log.
    public var isUnrecognisedState: Bool {
        !Self.finalStates.contains(status) && !Self.workingStates.contains(status)
    }

    package init?(_ value: JSONValue) {
        let object = value["data"] ?? value
        guard let id = object["id"]?.lenientString ?? object["batch_id"]?.lenientString else { return nil }
        self.id = id
        entityType = object["entity_type"]?.stringValue
        status = object["status"]?.stringValue?.trimmingSpaces.lowercased() ?? "pending"
        totalCount = object["total_count"]?.lenientInt
        items = object["items"]?.arrayValue?.map(BatchItem.init) ?? []
        let failedItems = items.count(where: \.failed)
        processedCount = object["processed_count"]?.lenientInt ?? items.count
        failedCount = object["failed_count"]?.lenientInt ?? failedItems
        successCount = object["success_count"]?.lenientInt ?? max(0, processedCount - failedCount)
    }
}
