// What a queued write answers (202): the batch to poll with `batch(id:)`.
public struct BatchReceipt: Sendable, Hashable {
    public var batchID: String
    public var message: String?

    public init(batchID: String, message: String? = nil) {
        self.batchID = batchID
        self.message = message
    }

    /// Reads `{"data": {"batch_id", "message"}}`, or the same object without the envelope (lenient).
    package init?(_ value: JSONValue) {
        let object = value["data"] ?? value
        guard let id = object["batch_id"]?.lenientString ?? object["id"]?.lenientString, !id.isEmpty else { return nil }
        self.init(batchID: id, message: object["message"]?.stringValue)
    }
}
