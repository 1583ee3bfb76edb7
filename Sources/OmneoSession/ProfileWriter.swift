// Profile writes: create, update, delete and purge one profile. Fields are checked against the tenant's
// rules first; a PUT never carries statuses (they go through the status batches); a dry run reads what
// it needs and sends nothing. Upserts are in ProfileWriter+Upsert.swift.
import Foundation
package import OmneoClient
import OmneoJournal
import OmneoModel

package actor ProfileWriter {
    let session: TenantSession
    let statuses: StatusWriter
    let resolver: EmailResolver
    var jobs: [Int: ProfileJob] = [:]
    /// Dry run: what the profile writes would have done.
    var plan = ProfileWritePlan()

    package init(session: TenantSession, statuses: StatusWriter, resolver: EmailResolver) {
        self.session = session
        self.statuses = statuses
        self.resolver = resolver
    }

    package var planLines: [String] { plan.lines }

    package func create(_ fields: ProfileFields) async throws -> ProfileWriteResult {
        try Self.check(fields.values)
        if session.dryRun {
            plan.wouldCreate += 1
            return .planned(fields.values)
        }
        let payload = WriteLedger.payload([.object(fields.values)])
        if let earlier = try await earlierCreate(fields, payload: payload) {
            try session.remember([earlier])
            return .written(earlier)
        }
        let profile = try await sendCreate(fields, payload: payload)
        try session.remember([profile])
        return .written(profile)
    }

    /// Seconds to let a create whose answer was lost finish on the tenant before it is read back.
    static let readBackDelay: Double = 1

    /// A create is never re-sent blind. When its answer is lost (a reset, a 5xx), the profile its email
    /// names is read back: there, it was created (the journal records it so); absent, it was not, and it is
    /// sent once more. Without an email, or with two profiles on it, the uncertainty is reported as it is.
    private func sendCreate(_ fields: ProfileFields, payload: String) async throws -> OmneoProfile {
        var readBack = false
        while true {
            do {
                return try await session.ledger.perform(
                    .create, ids: [], payload: payload, readsBack: !readBack, answer: { .applied(profileIDs: [$0.id], status: 201) }
                ) {
                    try await self.mappingRefusal { try await self.session.call { try await $0.createProfile(fields) } }
                }.result
            } catch let uncertain as UncertainWrite {
                let (error, write) = (uncertain.error, uncertain.write)
                guard let email = fields["email"]?.stringValue else { throw error }
                try await session.client.stopSwitch.sleep(until: .now + .seconds(Self.readBackDelay), call: "the read-back of a create")
                let page = try await profiles(withEmail: email)
                switch page.profiles.count {
                case 1:
                    try session.ledger.record(write, .applied(profileIDs: [page.profiles[0].id], status: 201))
                    return page.profiles[0]
                case 0:
                    // Not created: sent once more, and that answer is final.
                    try session.ledger.notApplied(write, "\(error.description); read back: no profile has this email, so it is sent again")
                    readBack = true
                default:
                    throw error
                }
            }
        }
    }

    /// Resume: the profile an earlier attempt created with these very fields, read back instead of created
    /// twice; when that attempt died before the answer, the profile its email now names (if exactly one).
    private func earlierCreate(_ fields: ProfileFields, payload: String) async throws -> OmneoProfile? {
        guard let earlier = session.ledger.earlier(.create, ids: nil, payload: payload, unanswered: true) else { return nil }
        if earlier.state == .finished, let id = earlier.profileIDs.first {
            return try await session.call { try await $0.profile(id: id) }
        }
        guard let email = fields["email"]?.stringValue else { return nil }
        let page = try await profiles(withEmail: email)
        guard page.profiles.count == 1 else { return nil }
        try session.ledger.record(earlier.id, .applied(profileIDs: [page.profiles[0].id], status: 201))
        return page.profiles[0]
    }

    /// The profiles (at most two: one is found, two ambiguous) a create's email names now: how a create
    /// whose answer was lost, in this attempt or an earlier one, is read back.
    private func profiles(withEmail email: String) async throws -> ProfilePage {
        try await session.call { try await $0.profilePage(filters: ["email": EmailAddress.normalise(email)], page: 1, size: 2) }
    }

    /// A PUT of the fields; with `statuses` (allowed only by replace_statuses) the set is converged through
    /// the additive status batches instead, since a PUT must never carry statuses.
    package func update(_ id: String, _ fields: ProfileFields) async throws -> ProfileWriteResult {
        try Self.check(fields.values)
        var plain = fields.values
        let wanted = plain.removeValue(forKey: "statuses")?.arrayValue?.compactMap(\.stringValue)
        if session.dryRun {
            guard let profile = try await session.call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
            plan.wouldUpdate += 1
            if let wanted { _ = try await statuses.converge(id, to: wanted) }
            return .planned(profile.fields.merging(plain) { _, new in new })
        }
        let put = try ProfileFields(replacingStatusesAndTags: plain)
        var profile: OmneoProfile
        if plain.isEmpty, wanted != nil {
            // Only statuses: no PUT at all, the status batches do the whole change.
            guard let held = try await session.call({ try await $0.profile(id: id) }) else { throw ExpectedFailure("not_found") }
            profile = held
        } else {
            let payload = WriteLedger.payload([.object(plain)])
            (profile, _) = try await session.ledger.perform(.update, ids: [id], payload: payload, answer: { _ in .applied(profileIDs: [id], status: 200) }) {
                try await self.mappingRefusal { try await self.session.call { try await $0.updateProfile(id: id, put) } }
            }
        }
        if let wanted {
            let job = try await statuses.converge(id, to: wanted)
            _ = try await statuses.wait(job: job.id, timeout: 300)
            profile = try await session.call({ try await $0.profile(id: id) }) ?? profile
        }
        try session.remember([profile])
        return .written(profile)
    }

    package func delete(_ id: String, purge: Bool) async throws {
        if session.dryRun {
            guard try await session.call({ try await $0.profile(id: id) }) != nil else { throw ExpectedFailure("not_found") }
            if purge { plan.wouldPurge.append(id) } else { plan.wouldDelete.append(id) }
            return
        }
        let operation: WriteOperation = purge ? .purge : .delete
        if session.ledger.earlier(operation, ids: [id]) != nil { return }
        let unanswered = session.ledger.earlier(operation, ids: [id], unanswered: true)
        do {
            _ = try await session.ledger.perform(operation, ids: [id], answer: { .applied(profileIDs: [id], status: purge ? 202 : 204) }) {
                try await self.session.call { client in
                    if purge { try await client.purgeProfile(id: id) } else { try await client.deleteProfile(id: id) }
                }
            }
        } catch let error as OmneoClientError where error.code == "not_found" {
            // An earlier attempt sent this and died before the answer: the 404 is its doing.
            if unanswered != nil { return }
            throw ExpectedFailure("not_found")
        }
        session.knowledge.remove(id)
    }

    /// Field errors the tenant would answer with, as `nil, "email: The email must be ..."`.
    static func check(_ fields: [String: JSONValue]) throws {
        let problems = ProfileFieldRules.problems(of: fields)
        if !problems.isEmpty { throw ExpectedFailure(problems.joined(separator: "; ")) }
    }

    /// A 422 becomes the same `key: message` lines the checks above give.
    func mappingRefusal<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OmneoClientError where error.code == "invalid" && !error.fieldErrors.isEmpty {
            throw ExpectedFailure(Self.fieldLines(error.fieldErrors).joined(separator: "; "))
        }
    }

    static func fieldLines(_ errors: [(field: String, messages: [String])], renumber: (String) -> String = { $0 }) -> [String] {
        errors.map { error in
            let key = renumber(error.field)
            return "\(key): " + error.messages.map { $0.replacingOccurrences(of: error.field, with: key) }.joined(separator: " ")
        }
    }
}
