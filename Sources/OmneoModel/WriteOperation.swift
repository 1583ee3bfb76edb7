// Every kind of write a run sends, as the journal stores it and `undo` reads it back: one list, so the
// session, the journal and undo cannot spell an operation two ways.
public enum WriteOperation: String, Sendable, CaseIterable, Codable {
    /// `POST /v3/profiles/statuses/add` (additive batch).
    case attach
    /// `POST /v3/profiles/statuses/remove` (batch).
    case detach
    case create
    /// A PUT of ordinary fields (never statuses or tags).
    case update
    case delete
    case purge
    /// `POST /v3/profiles/batch` with ordinary fields.
    case upsert
    /// The same batch where rows carry `statuses` (replace_statuses): it replaces those profiles' sets.
    case upsertReplace = "upsert-replace"
    /// `POST /v3/profiles/{id}/identities`: one identity added; `handles` is `[[handle, identifier]]`.
    case identityAdd = "identity-add"
    /// `PUT /v3/profiles/{id}/identities/{handle}`: its identifier changed; `[[handle, identifier]]`.
    case identityChange = "identity-change"
    /// `DELETE /v3/profiles/{id}/identities/{handle}`; `[[handle]]`.
    case identityRemove = "identity-remove"
    /// `PUT /v3/profiles/{id}/attributes/custom/{namespace}:{handle}` of an attribute the profile lacked;
    /// `handles` is `[[namespace:handle, type, value as JSON]]`.
    case attributeAdd = "attribute-add"
    /// The same PUT of an attribute it held (another value or type).
    case attributeChange = "attribute-change"
    /// `DELETE` of one attribute; `[[namespace:handle]]`.
    case attributeRemove = "attribute-remove"
    /// `PUT /v3/profiles/{id}` with the profile's full tag list (read, merged, checked): one profile, its
    /// journal handles `[added, removed]`.
    case tags

    /// The writes that change statuses, which `undo` reverts.
    public var changesStatuses: Bool { self == .attach || self == .detach || self == .upsertReplace }

    /// The writes that change profile fields, which `undo` leaves as they are (it says how many).
    public var changesProfiles: Bool { !(self == .attach || self == .detach || self == .tags || changesIdentities || changesAttributes) }

    /// The writes that change tags, which `undo` reverts.
    public var changesTags: Bool { self == .tags }

    /// The writes of one identity, which `undo` reverts from the identities recorded before.
    public var changesIdentities: Bool { self == .identityAdd || self == .identityChange || self == .identityRemove }

    /// The writes of one custom attribute, which `undo` reverts from the values recorded before.
    public var changesAttributes: Bool { self == .attributeAdd || self == .attributeChange || self == .attributeRemove }
}
