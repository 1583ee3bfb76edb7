// The status batch: attach or detach handles on many profiles in one queued request.
public import OmneoModel
extension OmneoClient {
    /// `POST /v3/profile/status/batch.json`: merges the handles into each profile's set.
    /// 1 to 500 entries, each with a profile id and at least one handle; checked before anything is sent.
    public func attachStatuses(_ entries: [StatusAssignment]) async throws -> BatchReceipt {
        try await statusBatch("POST", entries, call: "attachStatuses")
    }

    /// `DELETE /v3/profile/status/batch.json`: removes only the handles sent.
    public func detachStatuses(_ entries: [StatusAssignment]) async throws -> BatchReceipt {
        try await statusBatch("DELETE", entries, call: "detachStatuses")
    }

    private func statusBatch(_ method: String, _ entries: [StatusAssignment], call: String) async throws -> BatchReceipt {
        try Self.checkBatchSize(entries.count, call: call)
        for (index, entry) in entries.enumerated() {
            if entry.profileID.isEmpty { throw OmneoClientError.misuse("\(call): entry \(index + 1) has no profile id") }
            if entry.statuses.isEmpty || entry.statuses.contains(where: \.isEmpty) {
                throw OmneoClientError.misuse("\(call): entry \(index + 1) (profile \(entry.profileID)) needs one or more status handles")
            }
        }
        let body: JSONValue = .object(["profiles": .array(entries.map(\.json))])
        var request = APIRequest(method, ["v3", "profile", "status", "batch.json"], body: body, scope: "update-profiles")
        request.idempotent = true
        return try receipt(try await send(request), request)
    }
}
