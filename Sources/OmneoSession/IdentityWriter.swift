// One identity of one profile, added, changed or removed through the per-identity endpoints (never a
// profile PUT, which replaces the whole list). The profile is read first: that read says what to send
// (nothing when it already is so; a PUT when the handle is held with another identifier, since a second
// POST may add a second identity with that handle), and is journaled as the identity before, so `undo`
// puts back exactly what was there. Every write goes through the WriteLedger: `resume` sends nothing an
// earlier attempt got answered; the answer is checked against what was asked.
import Foundation
package import OmneoClient
import OmneoJournal
package import OmneoModel

/// What became of one identity or attribute write (`IdentityWriter`, `AttributeWriter`), as the report says it.
package enum FieldWriteOutcome: String, Sendable {
    case added, updated, removed
    case alreadyPresent = "already_present"
    case notPresent = "not_present"
    case wouldAdd = "would_add"
    case wouldUpdate = "would_update"
    case wouldRemove = "would_remove"
}

package struct IdentityWriter: Sendable {
    package typealias Outcome = FieldWriteOutcome

    let session: TenantSession

    package init(session: TenantSession) { self.session = session }

    /// The identifier of the profile's first identity with `handle`, or nil.
    package static func identifier(of profile: OmneoProfile, handle: String) -> String? {
        (profile["identities"]?.arrayValue ?? []).first { $0["handle"]?.stringValue == handle }?["identifier"]?.lenientString
    }

    /// The profile's identity `handle` becomes `identifier`: added when it has none, changed when it holds
    /// another. `identifier` nil removes it.
    package func set(_ id: String, handle: String, to identifier: String?) async throws -> Outcome {
        let fields = identifier.map { [handle, $0] } ?? [handle]
        // Resume: what an earlier attempt sent and got answered is not sent again, and reads as it did then.
        if !session.dryRun {
            for operation in identifier == nil ? [WriteOperation.identityRemove] : [.identityAdd, .identityChange]
            where session.ledger.earlier(operation, ids: [id], handles: [fields]) != nil {
                return operation == .identityAdd ? .added : operation == .identityChange ? .updated : .removed
            }
        }
        guard let profile = try await session.call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
        let held = Self.identifier(of: profile, handle: handle)
        let operation: WriteOperation
        switch (held, identifier) {
        case (nil, nil): return .notPresent
        case let (held?, wanted?) where held == wanted: return .alreadyPresent
        case (nil, _?): operation = .identityAdd
        case (_?, _?): operation = .identityChange
        case (_?, nil): operation = .identityRemove
        }
        if session.dryRun {
            return operation == .identityAdd ? .wouldAdd : operation == .identityChange ? .wouldUpdate : .wouldRemove
        }
        let outcome: Outcome = operation == .identityAdd ? .added : operation == .identityChange ? .updated : .removed
        if let journal = session.journal {
            let before = BeforeField(profileID: id, kind: .identity, key: handle, value: held.map(JSONValue.string))
            try journal.record { try $0.before(runID: journal.runID, field: before) }
        }
        let status = operation == .identityAdd ? 201 : operation == .identityChange ? 200 : 204
        let (answer, _) = try await session.ledger.perform(
            operation, ids: [id], handles: [fields], answer: { (_: JSONValue?) in .applied(profileIDs: [id], status: status) }
        ) {
            try await session.call { client -> JSONValue? in
                switch operation {
                case .identityAdd: return try await client.addIdentity(profileID: id, handle: handle, identifier: identifier!)
                case .identityChange: return try await client.updateIdentity(profileID: id, handle: handle, identifier: identifier!)
                default:
                    try await client.deleteIdentity(profileID: id, handle: handle)
                    return nil
                }
            }
        }
        if let answer, let identifier { try Self.check(answer, handle: handle, identifier: identifier, tenant: session.client.tenant.name) }
        return outcome
    }

    /// The tenant's answer names the identity asked for, or the write is reported failed (journaled as
    /// applied all the same: it changed something, so `undo` looks at it).
    static func check(_ answer: JSONValue, handle: String, identifier: String, tenant: String) throws {
        let answered = (answer["handle"]?.stringValue, answer["identifier"]?.lenientString)
        guard answered.0 == handle, answered.1 == identifier else {
            throw ExpectedFailure("tenant \(tenant) answered identity \(answered.0 ?? "?") \(answered.1 ?? "?") for \(handle) \(identifier)")
        }
    }
}
