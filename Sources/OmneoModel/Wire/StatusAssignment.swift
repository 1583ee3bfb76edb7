// One entry of a status batch: a profile and the handles to attach to it (or detach from it).
public struct StatusAssignment: Sendable, Hashable {
    public var profileID: String
    public var statuses: [String]

    public init(profileID: String, statuses: [String]) {
        self.profileID = profileID
        self.statuses = statuses
    }

    package var json: JSONValue {
        .object(["profile_id": .string(profileID), "statuses": .array(statuses.map(JSONValue.string))])
    }
}
