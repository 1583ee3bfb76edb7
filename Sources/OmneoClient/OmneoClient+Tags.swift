// Tags: the tenant's list (`GET /v3/tags`) and the one write that changes a profile's tags, a PUT with the
// full list (omneo-api.md, "Tags": it replaces the whole list; no additive endpoint is documented).
public import OmneoModel

extension OmneoClient {
    /// Every tag handle of the tenant, all pages (the vendor SDK calls the list unpaginated but types it
    /// with the page envelope: both read the same here).
    public func tags() async throws -> [String] {
        var result: [String] = []
        var page = 1
        while true {
            let request = APIRequest("GET", ["v3", "tags"], query: Self.pageQuery(page: page, size: 100), scope: "read-profiles")
            let envelope = try await sendPage(request, page: page, size: 100)
            result += envelope.items.compactMap { $0["handle"]?.lenientString ?? $0.stringValue }
            guard envelope.hasNextPage, page < 10_000 else { return result }
            page += 1
        }
    }

    /// `PUT /v3/profiles/{id}` with `{"tags": [...]}` and nothing else: the profile's whole tag list becomes
    /// `tags`. The caller has read the profile and merged; the answer is the profile as the tenant keeps it.
    public func replaceTags(id: String, _ tags: [String]) async throws -> OmneoProfile {
        try Self.checkID(id, call: "replaceTags")
        let body: JSONValue = .object(["tags": .array(tags.map(JSONValue.string))])
        let request = APIRequest("PUT", ["v3", "profiles", id], body: body, scope: "update-profiles")
        let response = try await send(request)
        guard let value = response.json, let profile = OmneoProfile(value["data"] ?? value) else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no profile in the answer")
        }
        return profile
    }
}
