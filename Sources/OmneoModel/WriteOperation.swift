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
    /// `PUT /v3/profiles/{id}` with the profile's full tag list (read, merged, checked): one profile, its
    /// journal handles `[added, removed]`.
    case tags

    /// The writes that change statuses, which `undo` reverts.
    public var changesStatuses: Bool { self == .attach || self == .detach || self == .upsertReplace }

    /// The writes that change profile fields, which `undo` leaves as they are (it says how many).
    public var changesProfiles: Bool { !(self == .attach || self == .detach || self == .tags) }

    /// The writes that change tags, which `undo` reverts.
    public var changesTags: Bool { self == .tags }
}
