// The tenant's state. An actor: every write is applied whole, one at a time, so two batches
// touching one profile can never lose each other's update.
public import OmneoModel
import Foundation

public actor TenantStore {
    var statuses: [StatusDefinition]
    var profiles: [String: StoredProfile] = [:]
    /// Profile ids in creation order: the default listing order, and the `sort=created_at` one (a seed's
    /// profiles are created a second apart in file order, later ones now).
    var order: [String] = []
    /// Soft-deleted profiles still in `order`: while there are none, `order` is the live list.
    var softDeleted = 0
    var emailIndex: [String: [String]] = [:]
    var batches: [String: BatchRecord] = [:]
    var queue: [String] = []
    var queueHead = 0
    var finishedBatches: [String] = []
    /// The last identity id given (identities have integer ids, as the vendor SDK types them).
    var nextIdentityID = 0
    var worker: Task<Void, Never>?
    var itemFailures: SeededGenerator
    var ignoredFilters: SeededGenerator
    /// The tenant's tags and the rival writer's reads (TenantStore+Tags.swift).
    var tagState = TagState()
    let configuration: SandboxConfiguration
    let statusTimestamp = Timestamp.string(Date(timeIntervalSince1970: 1_735_689_600))

    public init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.statuses = []
        self.itemFailures = SeededGenerator(seed: configuration.faultSeed ^ 0x5EED_17E3)
        self.ignoredFilters = SeededGenerator(seed: configuration.faultSeed ^ 0xF11_7E25)
        (statuses, profiles, order, emailIndex) = Self.contents(of: configuration.seed)
        tagState = Self.tagState(of: profiles, order: order)
    }

    /// Replaces the whole tenant with `seed` (recipe tests start each case from a fixture); queued
    /// batches are dropped with it.
    public func reseed(_ seed: TenantSeed) {
        (statuses, profiles, order, emailIndex) = Self.contents(of: seed)
        tagState = Self.tagState(of: profiles, order: order)
        softDeleted = 0
        batches = [:]
        queue = []
        queueHead = 0
        finishedBatches = []
    }

    private static func contents(of seed: TenantSeed)
        -> ([StatusDefinition], [String: StoredProfile], [String], [String: [String]])
    {
        var profiles: [String: StoredProfile] = [:], order: [String] = [], emailIndex: [String: [String]] = [:]
        let created = Date(timeIntervalSince1970: 1_735_689_600)
        for (index, fields) in seed.profiles.enumerated() {
            let id = fields["id"]?.stringValue ?? newID()
            let handles = fields["statuses"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let profile = StoredProfile(id: id, fields: fields, statuses: handles, created: created.addingTimeInterval(Double(index)))
            profiles[id] = profile
            order.append(id)
            if let key = profile.emailKey { emailIndex[key, default: []].append(id) }
        }
        let statuses = seed.statuses.sorted { ($0.sortOrder, $0.id) < ($1.sortOrder, $1.id) }
        return (statuses, profiles, order, emailIndex)
    }

    static func newID() -> String {
        UUID().uuidString.lowercased()
    }

    func insert(_ profile: StoredProfile) {
        var profile = profile
        keepTags(of: &profile)
        profiles[profile.id] = profile
        order.append(profile.id)
        if let key = profile.emailKey { emailIndex[key, default: []].append(profile.id) }
    }

    func reindex(_ id: String, from oldKey: String?, to newKey: String?) {
        guard oldKey != newKey else { return }
        if let oldKey {
            emailIndex[oldKey]?.removeAll(where: { $0 == id })
            if emailIndex[oldKey]?.isEmpty == true { emailIndex[oldKey] = nil }
        }
        if let newKey { emailIndex[newKey, default: []].append(id) }
    }

    func live(_ id: String) -> StoredProfile? {
        guard let profile = profiles[id], !profile.deleted else { return nil }
        return profile
    }

    var knownHandles: Set<String> { Set(statuses.map(\.handle)) }

    // MARK: Status definitions

    func statusList(handle: String?) -> [JSONValue] {
        statuses.filter { handle == nil || $0.handle == handle }.map { $0.json(timestamp: statusTimestamp) }
    }

    // MARK: Profiles

    /// The matching profiles in answer order; only the page's slice is rendered as JSON (a 200,000-profile
    /// seed would otherwise render every profile for every page).
    func profileList(_ query: ProfileQuery, page: Page) -> (total: Int, slice: [JSONValue]) {
        let rate = configuration.faults.ignoreFilters
        let query = rate > 0 && ignoredFilters.unit() < rate ? query.ignoringFilters : query
        if query.conditions.isEmpty, query.search == nil, softDeleted == 0, query.sort.map({ $0.field == "created_at" }) ?? true {
            // Every profile in creation order, as a database reads it off its index: only the page is touched
            // (sorting 200,000 profiles made a scan's first page take 1.3 s on a debug build).
            let descending = query.sort?.descending == true
            return (order.count, page.slice(of: order.count).compactMap { index in
                profiles[order[descending ? order.count - 1 - index : index]]?.json(attributes: configuration.attributeShape)
            })
        }
        let candidates: [StoredProfile]
        if let key = query.emailKey {
            candidates = (emailIndex[key] ?? []).compactMap(live)
        } else {
            candidates = order.compactMap(live)
        }
        let matches = query.sorted(candidates.filter(query.matches))
        return (matches.count, page.slice(of: matches.count).map { matches[$0].json(attributes: configuration.attributeShape) })
    }

    func profile(id: String, identityHandle: String?) throws(SandboxAPIError) -> JSONValue {
        if let identityHandle {
            let match = order.lazy.compactMap(live).first { $0.identifier(forIdentity: identityHandle) == id }
            guard let match else { throw .notFound("Profile") }
            return match.json(attributes: configuration.attributeShape)
        }
        guard let profile = live(id) else { throw .notFound("Profile") }
        defer { rivalWrite(afterReading: id) }
        return profile.json(attributes: configuration.attributeShape)
    }

    func createProfile(_ body: JSONValue?) throws(SandboxAPIError) -> JSONValue {
        guard let fields = body?.objectValue else { throw .invalid(["profile": ["The profile must be a JSON object."]]) }
        var errors = ProfileValidator.errors(of: fields)
        if let key = fields["email"]?.stringValue.map(StoredProfile.emailKey), errors["email"] == nil,
           emailIndex[key]?.contains(where: { live($0) != nil }) == true {
            errors["email"] = ["The email has already been taken."]
        }
        if !errors.isEmpty { throw .invalid(errors) }
        let profile = StoredProfile(id: Self.newID(), fields: fields, statuses: known(fields["statuses"]), created: Date())
        insert(profile)
        return profile.json(attributes: configuration.attributeShape)
    }

    /// A partial update: fields sent replace fields held; a `statuses` array replaces the whole set.
    func updateProfile(id: String, _ body: JSONValue?) throws(SandboxAPIError) -> JSONValue {
        guard var profile = live(id) else { throw .notFound("Profile") }
        guard let fields = body?.objectValue else { throw .invalid(["profile": ["The profile must be a JSON object."]]) }
        var errors = ProfileValidator.errors(of: fields)
        if let key = fields["email"]?.stringValue.map(StoredProfile.emailKey), errors["email"] == nil,
           emailIndex[key]?.contains(where: { $0 != id && live($0) != nil }) == true {
            errors["email"] = ["The email has already been taken."]
        }
        if !errors.isEmpty { throw .invalid(errors) }
        apply(fields, to: &profile)
        let answer = profile.json(attributes: configuration.attributeShape)
        return fields["tags"] != nil && configuration.faults.putOmitsTags ? answer.removingTags : answer
    }

    func apply(_ fields: [String: JSONValue], to profile: inout StoredProfile) {
        let oldKey = profile.emailKey
        for (key, value) in fields where !StoredProfile.serverFields.contains(key) {
            profile.fields[key] = value
        }
        if fields["statuses"] != nil { profile.statuses = known(fields["statuses"]) }
        if fields["tags"] != nil { keepTags(of: &profile) }
        // Every write moves `updated_at`, even two within one microsecond: a reader compares it.
        profile.updated = max(Date(), profile.updated.addingTimeInterval(0.000_002))
        profiles[profile.id] = profile
        reindex(profile.id, from: oldKey, to: profile.emailKey)
    }

    /// The handles of a `statuses` array that name a definition; the others are dropped silently.
    func known(_ value: JSONValue?) -> [String] {
        let handles = knownHandles
        var result: [String] = []
        for handle in value?.arrayValue?.compactMap(\.stringValue) ?? [] where handles.contains(handle) && !result.contains(handle) {
            result.append(handle)
        }
        return result
    }

    func deleteProfile(id: String) throws(SandboxAPIError) {
        guard live(id) != nil else { throw .notFound("Profile") }
        softDeleted += 1
        profiles[id]?.deleted = true
        profiles[id]?.updated = Date()
    }

    /// Erasure: the profile and every trace of it in the indexes are gone, deleted or not.
    func purgeProfile(id: String) throws(SandboxAPIError) {
        guard let profile = profiles[id] else { throw .notFound("Profile") }
        if profile.deleted { softDeleted -= 1 }
        reindex(id, from: profile.emailKey, to: nil)
        profiles[id] = nil
        order.removeAll(where: { $0 == id })
    }

    // MARK: Inspection (no auth, not logged)

    public enum Inspection: Sendable {
        case live(JSONValue)
        case deleted(JSONValue)
        case absent
    }

    public func inspect(profileID: String) -> Inspection {
        guard let profile = profiles[profileID] else { return .absent }
        let json = profile.json(attributes: configuration.attributeShape)
        return profile.deleted ? .deleted(json) : .live(json)
    }

    /// Handles held by a profile, or nil when it does not exist; for tests asserting end state.
    public func statuses(ofProfile id: String) -> [String]? {
        profiles[id]?.statuses
    }

    /// Ids of the live profiles whose email matches, as the email filter finds them.
    public func profileIDs(email: String) -> [String] {
        (emailIndex[StoredProfile.emailKey(email)] ?? []).filter { live($0) != nil }
    }

    /// Every live profile's status handles, by id: one snapshot of the tenant's statuses.
    public var statusSnapshot: [String: [String]] {
        profiles.values.filter { !$0.deleted }.reduce(into: [:]) { $0[$1.id] = $1.statuses }
    }

    public var profileCount: Int { profiles.values.count(where: { !$0.deleted }) }

    public var pendingBatchCount: Int { queue.count - queueHead }
}
