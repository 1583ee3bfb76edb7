// Tags as the vendor keeps them (omneo-api.md, "Profiles" and "Tags"): case-sensitive strings, spaces
// turned into hyphens, a PUT's `tags` replacing the whole list, and `GET /v3/tags` listing the tenant's
// tags ({id, handle, created_at, updated_at}, the SDK's `Tag`). Harsh where the vendor is silent: the
// list is paged like every other list, `drop_new_tags` drops a tag the tenant does not know yet without
// a word, and `rival_tags=N` plays another writer who changes a profile's tags right after each of its
// first N reads (between a client's read and its PUT), and `put_omits_tags` answers a tag PUT without them.
import OmneoModel
import Foundation

/// The tenant's tags and the rival writer's count of reads per profile.
struct TagState: Sendable {
    struct Definition: Sendable {
        let id: Int
        let handle: String
        let created: Date
    }

    var definitions: [Definition] = []
    var reads: [String: Int] = [:]

    func knows(_ handle: String) -> Bool { definitions.contains { $0.handle == handle } }

    mutating func register(_ handle: String) {
        guard !knows(handle) else { return }
        definitions.append(Definition(id: (definitions.last?.id ?? 0) + 1, handle: handle, created: Date()))
    }
}

extension TenantStore {
    /// What the tenant makes of a tag: every space becomes a hyphen; case is kept (tags are case-sensitive).
    static func normalisedTag(_ tag: String) -> String {
        tag.replacingOccurrences(of: " ", with: "-")
    }

    /// The tags of a seed's profiles, normalised, registered in first-seen order.
    static func tagState(of profiles: [String: StoredProfile], order: [String]) -> TagState {
        var state = TagState()
        for id in order {
            for tag in profiles[id]?.tags ?? [] { state.register(tag) }
        }
        return state
    }

    /// A written profile's `tags` as the tenant keeps them: strings only, normalised, each once, in the
    /// order sent. A tag the tenant does not know yet is created, or (`drop_new_tags`) dropped silently.
    func keepTags(of profile: inout StoredProfile) {
        guard let sent = profile.fields["tags"] else { return }
        var kept: [String] = []
        for tag in sent.arrayValue?.compactMap(\.stringValue).map(Self.normalisedTag) ?? [] where !tag.isEmpty && !kept.contains(tag) {
            if !tagState.knows(tag) {
                if configuration.faults.dropNewTags { continue }
                tagState.register(tag)
            }
            kept.append(tag)
        }
        profile.fields["tags"] = .array(kept.map(JSONValue.string))
    }

    /// `GET /v3/tags`: every tag of the tenant, oldest first, or the one `filter[handle]` names.
    func tagList(handle: String?) -> [JSONValue] {
        tagState.definitions.filter { handle == nil || $0.handle == handle }.map { definition in
            .object([
                "id": .integer(Int64(definition.id)),
                "handle": .string(definition.handle),
                "created_at": .string(Timestamp.string(definition.created)),
                "updated_at": .string(Timestamp.string(definition.created)),
            ])
        }
    }

    /// After a profile was read through the API: the rival writer (`rival_tags=N`) adds `rival-K` to it
    /// for its K-th read, while K <= N, as someone else's PUT landing before the reader's own.
    func rivalWrite(afterReading id: String) {
        let limit = configuration.faults.rivalTags
        guard limit > 0, var profile = live(id) else { return }
        let count = tagState.reads[id, default: 0] + 1
        tagState.reads[id] = count
        guard count <= limit else { return }
        let tag = "rival-\(count)"
        tagState.register(tag)
        profile.fields["tags"] = .array((profile.tags + [tag]).map(JSONValue.string))
        apply([:], to: &profile)
    }

    /// A profile's tags, or nil when it does not exist; for tests asserting end state.
    public func tags(ofProfile id: String) -> [String]? {
        profiles[id]?.tags
    }
}

extension JSONValue {
    /// A profile's JSON without its `tags` (`put_omits_tags`).
    var removingTags: JSONValue {
        guard var object = objectValue else { return self }
        object["tags"] = nil
        return .object(object)
    }
}

extension StoredProfile {
    var tags: [String] { fields["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
