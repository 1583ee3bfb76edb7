// One identity of a profile through its own endpoints (the vendor SDK's ProfileIdentities resource):
// `POST /v3/profiles/{id}/identities`, `PUT/DELETE /v3/profiles/{id}/identities/{handle}`. The answer is
// `{"data": Identity}`; what it says is checked by the caller against what was asked.
public import OmneoModel

extension OmneoClient {
    /// Adds `{handle, identifier}` to the profile (201): the identity as the tenant answered it.
    public func addIdentity(profileID: String, handle: String, identifier: String) async throws -> JSONValue {
        try Self.checkID(profileID, call: "addIdentity")
        let body: JSONValue = .object(["handle": .string(handle), "identifier": .string(identifier)])
        let request = APIRequest("POST", ["v3", "profiles", profileID, "identities"], body: body, scope: "update-profiles")
        return try identityOrFail(try await send(request), request)
    }

    /// Changes the identifier of the profile's identity with `handle`.
    public func updateIdentity(profileID: String, handle: String, identifier: String) async throws -> JSONValue {
        try Self.checkID(profileID, call: "updateIdentity")
        let body: JSONValue = .object(["identifier": .string(identifier)])
        let request = APIRequest("PUT", ["v3", "profiles", profileID, "identities", handle], body: body, scope: "update-profiles")
        return try identityOrFail(try await send(request), request)
    }

    /// Removes the profile's identity with `handle` (204).
    public func deleteIdentity(profileID: String, handle: String) async throws {
        try Self.checkID(profileID, call: "deleteIdentity")
        _ = try await send(APIRequest("DELETE", ["v3", "profiles", profileID, "identities", handle], scope: "update-profiles"))
    }

    private func identityOrFail(_ response: APIResponse, _ request: APIRequest) throws -> JSONValue {
        let identity = response.json.map { $0["data"] ?? $0 }
        guard let identity, identity["handle"] != nil else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no identity in the answer")
        }
        return identity
    }
}
