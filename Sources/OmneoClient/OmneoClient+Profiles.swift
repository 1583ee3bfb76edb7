// Profile reads and writes. Statuses never travel in a PUT: `ProfileFields` refuses them.
public import OmneoModel
import Foundation

extension OmneoClient {
    /// The profile, or nil when the tenant has none with this id; `identity` looks `id` up as an
    /// external id of that identity handle (e.g. "shopify").
    public func profile(id: String, identity: String? = nil) async throws -> OmneoProfile? {
        try Self.checkID(id, call: "profile")
        let query = identity.map { [(name: "identity[handle]", value: $0)] } ?? []
        let request = APIRequest("GET", ["v3", "profiles", id], query: query, scope: "read-profiles")
        do {
            return try profileOrFail(try await send(request), request)
        } catch let error as OmneoClientError where error.code == "not_found" {
            return nil
        }
    }

    /// One page of profiles matching `filters` (`email`, `statuses.handle`, ...; see `profileQuery`), one value
    /// to each filter: several are refused (a misuse), since the tenant runs on PHP, which keeps only the last
    /// of a repeated query key, and the answer could not show that the others were dropped. Ask one value at a
    /// time and join the answers (`omneo.profiles.find`/`each` do). Every profile of the answer is checked
    /// against the filters that can be checked (`ProfileFilterCheck`): one that fails throws
    /// `filter_not_applied`, which stops the run.
    public func profilePage(filters: [String: [String]], page: Int, size: Int = 100) async throws -> ProfilePage {
        if let several = filters.keys.sorted().first(where: { !Self.plainQueryNames.contains($0) && (filters[$0]?.count ?? 0) > 1 }) {
            throw OmneoClientError.misuse("profilePage: \(filters[several]?.count ?? 0) values to the filter '\(several)'; ask one value at a time "
                + "(the tenant's PHP keeps only the last of a repeated key)")
        }
        let size = min(max(size, 1), 100)
        let query = Self.profileQuery(filters) + Self.pageQuery(page: max(page, 1), size: size)
        let request = APIRequest("GET", ["v3", "profiles"], query: query, scope: "read-profiles")
        let result = ProfilePage(try await sendPage(request, page: max(page, 1), size: size))
        if let mismatch = ProfileFilterCheck(filters).firstMismatch(in: result.profiles) {
            throw OmneoClientError.filterNotApplied(tenant: tenant.name, baseURL: tenant.baseURL, call: request.display, mismatch: mismatch)
        }
        return result
    }

    /// The same with one value to each filter.
    public func profilePage(filters: [String: String], page: Int, size: Int = 100) async throws -> ProfilePage {
        try await profilePage(filters: filters.mapValues { [$0] }, page: page, size: size)
    }

    /// Every page of profiles matching `filters`, each fetched (and checked) only when the loop reaches it.
    public func profiles(filters: [String: [String]], pageSize: Int = 100) -> ProfilePages {
        ProfilePages(client: self, filters: filters, pageSize: pageSize)
    }

    public func profiles(filters: [String: String], pageSize: Int = 100) -> ProfilePages {
        profiles(filters: filters.mapValues { [$0] }, pageSize: pageSize)
    }

    public func createProfile(_ fields: ProfileFields) async throws -> OmneoProfile {
        let request = APIRequest("POST", ["v3", "profiles"], body: fields.json, scope: "create-profiles")
        return try profileOrFail(try await send(request), request)
    }

    /// A partial update. Refuses fields that carry `statuses`: on a PUT they would replace the whole set.
    public func updateProfile(id: String, _ fields: ProfileFields) async throws -> OmneoProfile {
        try Self.checkID(id, call: "updateProfile")
        if fields.values["statuses"] != nil {
            throw OmneoClientError.misuse("updateProfile never sends 'statuses' (a PUT replaces the set); use attachStatuses/detachStatuses")
        }
        let request = APIRequest("PUT", ["v3", "profiles", id], body: fields.json, scope: "update-profiles")
        return try profileOrFail(try await send(request), request)
    }

    /// `POST /v3/profiles/batch`: 1 to 500 profiles, matched by `matchCriteria` ("email" or an identity handle).
    public func upsertProfiles(_ profiles: [ProfileFields], matchCriteria: String) async throws -> BatchReceipt {
        try Self.checkBatchSize(profiles.count, call: "upsertProfiles")
        guard !matchCriteria.isEmpty else { throw OmneoClientError.misuse("upsertProfiles needs a match criteria (\"email\" or an identity handle)") }
        let body: JSONValue = .object(["match_criteria": .string(matchCriteria), "profiles": .array(profiles.map(\.json))])
        let request = APIRequest("POST", ["v3", "profiles", "batch"], body: body, scope: "create-profiles and update-profiles")
        return try receipt(try await send(request), request)
    }

    /// Soft delete (204).
    public func deleteProfile(id: String) async throws {
        try Self.checkID(id, call: "deleteProfile")
        _ = try await send(APIRequest("DELETE", ["v3", "profiles", id], scope: "delete-profiles"))
    }

    /// GDPR erase (202): not undoable.
    public func purgeProfile(id: String) async throws {
        try Self.checkID(id, call: "purgeProfile")
        _ = try await send(APIRequest("POST", ["v3", "profiles", id, "purge"], scope: "delete-profiles"))
    }

    /// `email` becomes `filter[email]`, `statuses.handle` becomes `filter[statuses.handle]`: relation filters
    /// keep the dot, as the vendor's tags guide writes them (omneo-api.md, "Profiles"). `sort`, `search` and
    /// `include` go as they are, a name already written `filter[...]` too. Sorted by name, so the same filters
    /// make the same URL. (`profilePage` sends one value to a filter.)
    static func profileQuery(_ filters: [String: [String]]) -> [(name: String, value: String)] {
        filters.keys.sorted().flatMap { key -> [(name: String, value: String)] in
            let values = filters[key] ?? []
            if plainQueryNames.contains(key) { return [(key, values.joined(separator: ","))] }
            let name = key.hasPrefix("filter[") ? key : "filter[\(key)]"
            return values.map { (name, $0) }
        }
    }

    static let plainQueryNames: Set<String> = ["sort", "search", "include"]

    private func profileOrFail(_ response: APIResponse, _ request: APIRequest) throws -> OmneoProfile {
        guard let value = response.json, let profile = OmneoProfile(value["data"] ?? value) else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no profile in the answer")
        }
        return profile
    }

    func receipt(_ response: APIResponse, _ request: APIRequest) throws -> BatchReceipt {
        guard let value = response.json, let receipt = BatchReceipt(value) else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no batch_id in the answer")
        }
        batchClock.posted(receipt.batchID)
        return receipt
    }

    /// An empty id would address the list endpoint instead of one profile.
    static func checkID(_ id: String, call: String) throws(OmneoClientError) {
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else { throw .misuse("\(call): the id is empty") }
    }

    static func checkBatchSize(_ count: Int, call: String) throws(OmneoClientError) {
        guard count > 0 else { throw .misuse("\(call): nothing to send (a batch needs 1 to 500 entries)") }
        guard count <= 500 else { throw .misuse("\(call): \(count) entries; a batch takes at most 500, send it in chunks") }
    }
}
