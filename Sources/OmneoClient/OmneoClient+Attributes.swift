// One custom attribute of a profile through its own endpoint (the vendor SDK's ProfileAttributesCustom):
// `GET/PUT/DELETE /v3/profiles/{id}/attributes/custom/{namespace}:{handle}`; the answer is
// `{"data": {namespace, handle, type, value, ...}}`, checked by the caller against what was asked.
public import OmneoModel

extension OmneoClient {
    /// The attribute as the tenant holds it, or nil when the tenant answers 404 (no such attribute, or
    /// no such profile: the caller tells them apart).
    public func attribute(profileID: String, namespace: String, handle: String) async throws -> JSONValue? {
        try Self.checkID(profileID, call: "attribute")
        let request = APIRequest("GET", Self.attributePath(profileID, namespace, handle), scope: "read-profiles")
        do {
            return try attributeOrFail(try await send(request), request)
        } catch let error as OmneoClientError where error.code == "not_found" {
            return nil
        }
    }

    /// Creates the attribute or changes it: `{type, value}`.
    public func setAttribute(profileID: String, namespace: String, handle: String, type: String, value: JSONValue) async throws -> JSONValue {
        try Self.checkID(profileID, call: "setAttribute")
        let body: JSONValue = .object(["type": .string(type), "value": value])
        let request = APIRequest("PUT", Self.attributePath(profileID, namespace, handle), body: body, scope: "update-profiles")
        return try attributeOrFail(try await send(request), request)
    }

    public func deleteAttribute(profileID: String, namespace: String, handle: String) async throws {
        try Self.checkID(profileID, call: "deleteAttribute")
        _ = try await send(APIRequest("DELETE", Self.attributePath(profileID, namespace, handle), scope: "update-profiles"))
    }

    static func attributePath(_ id: String, _ namespace: String, _ handle: String) -> [String] {
        ["v3", "profiles", id, "attributes", "custom", "\(namespace):\(handle)"]
    }

    private func attributeOrFail(_ response: APIResponse, _ request: APIRequest) throws -> JSONValue {
        let attribute = response.json.map { $0["data"] ?? $0 }
        guard let attribute, attribute["handle"] != nil else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no custom attribute in the answer")
        }
        return attribute
    }
}
