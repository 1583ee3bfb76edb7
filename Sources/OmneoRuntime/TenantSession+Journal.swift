// What the session tells the journal: statuses before the run changed them, email answers (replayed by
// resume, reused within the cache TTL), and each write before and after it is sent.
import Foundation
import OmneoClient
import OmneoJournal

extension TenantSession {
    /// Statuses the run now knows of: as just read (`fresh`), or replayed from an earlier attempt or the
    /// cache. The first time per profile they are journaled as its statuses before the run.
    func learn(_ statuses: [(String, [String])], fresh: Bool) throws {
        for (id, handles) in statuses { knownStatuses[id] = handles }
        guard let journal, !statuses.isEmpty else { return }
        let first = statuses.filter { !recordedBefore.contains($0.0) }
        try journal.record { try $0.before(runID: journal.runID, statuses: first.map { (profileID: $0.0, statuses: $0.1) }) }
        recordedBefore.formUnion(first.map(\.0))
        if fresh {
            try journal.record { try $0.known(tenant: journal.tenant, statuses: statuses.map { (profileID: $0.0, statuses: $0.1) }) }
        }
    }

    /// Answers not to ask again: an earlier attempt's (resume), then the cache's (younger than the TTL;
    /// `cache: false` skips it). The statuses they carry become what the run knows of those profiles.
    /// `cached` are recorded as this run's own, so a resume of it replays them too.
    func reusedLookups(_ emails: [String], cache: Bool = true) throws -> (answers: [String: LookupAnswer], cached: [(String, LookupAnswer)]) {
        guard let journal, !emails.isEmpty else { return ([:], []) }
        var answers: [String: LookupAnswer] = [:]
        if let earlier = journal.earlier?.lookups {
            for email in emails { answers[email] = earlier[email] }
        }
        let rest = emails.filter { answers[$0] == nil }
        var cached: [String: LookupAnswer] = [:]
        if cache, journal.cacheTTL > 0, !rest.isEmpty {
            let since = Date().timeIntervalSince1970 - journal.cacheTTL
            cached = try journal.record { try $0.cachedLookups(tenant: journal.tenant, emails: rest, since: since) }
            answers.merge(cached) { old, _ in old }
        }
        try learn(answers.values.flatMap { $0.matches.map { ($0.id, $0.statuses) } }, fresh: false)
        return (answers, rest.compactMap { email in cached[email].map { (email, $0) } })
    }

    func recordLookups(_ answers: [(String, LookupAnswer)]) throws {
        guard let journal, !answers.isEmpty else { return }
        try journal.record { try $0.lookups(runID: journal.runID, tenant: journal.tenant, answers: answers.map { (email: $0.0, answer: $0.1) }) }
    }

    /// Before a write: the statuses of every profile it touches are journaled (read now when the run never
    /// read them), so `undo` knows what each held. A profile that cannot be read is left to the batch to fail.
    func recordBefore(_ ids: [String]) async throws {
        guard journal != nil else { return }
        let unknown = Array(Set(ids.filter { !recordedBefore.contains($0) })).sorted()
        guard !unknown.isEmpty else { return }
        let client = client
        let read = try await fanOut(unknown) { id in try? await client.profile(id: id) }
        try remember(read.compactMap { $0 })
    }

    /// Resume: the earlier attempt's write of exactly this, when it was accepted (so it is not sent again).
    /// `ids` nil matches any profile ids (a create learns its id only from the answer); `unanswered` also
    /// matches a write recorded without an answer (it may have applied).
    func earlierWrite(
        _ operation: String, ids: [String]?, handles: [[String]] = [], payload: String? = nil, unanswered: Bool = false
    ) -> WriteRecord? {
        guard let writes = journal?.earlier?.writes else { return nil }
        guard let index = writes.firstIndex(where: { write in
            !matchedWrites.contains(write.id) && write.operation == operation && (ids == nil || write.profileIDs == ids)
                && write.handles == handles && write.payload == payload
                && (write.state == .finished || (write.batchID != nil && (write.state == .sent || write.state == .pending))
                    || (unanswered && write.state == .intent))
        }) else { return nil }
        matchedWrites.insert(writes[index].id)
        return writes[index]
    }

    /// Journals a write about to be sent; nil when the run has no journal.
    func intent(_ operation: String, ids: [String], handles: [[String]] = [], payload: String? = nil) throws -> Int64? {
        guard let journal else { return nil }
        try journal.flushRows()
        return try journal.record {
            try $0.intent(runID: journal.runID, attempt: journal.attempt, operation: operation, handles: handles, profileIDs: ids, payload: payload)
        }
    }

    /// A single profile call answered.
    func answered(_ write: Int64?, ids: [String], status: Int) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.answered(write: write, profileIDs: ids, httpStatus: status) }
    }

    /// The hash `resume` matches profile writes on: the request body as sent (keys sorted).
    static func payload(_ values: [OmneoValue]) -> String {
        RunStart.hash(values.flatMap { [UInt8]($0.jsonData()) + [10] })
    }

    func sent(_ write: Int64?, batchID: String?, status: Int?) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.sent(write: write, batchID: batchID, httpStatus: status) }
    }

    /// The tenant answered with a refusal: nothing applied. A failure without an answer stays an intent
    /// (it may have applied): `undo` then covers it and `resume` sends it again.
    func refused(_ write: Int64?, _ error: OmneoClientError) throws {
        guard let status = error.status else { return }
        try refused(write, error.description, status: status)
    }

    func refused(_ write: Int64?, _ message: String, status: Int) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.refused(write: write, error: message, httpStatus: status) }
    }

    func finished(_ write: Int64?, status: String, failures: [(profileID: String, error: String)]) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.finished(write: write, tenant: journal.tenant, batchStatus: status, failures: failures.map { [$0.profileID, $0.error] }) }
    }

    func stillPending(_ write: Int64?, _ error: OmneoClientError, profileIDs: [String]) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.pending(write: write, error: error.description) }
        try journal.record { try $0.forget(tenant: journal.tenant, profileIDs: profileIDs) }
    }
}

extension LookupAnswer {
    init(_ page: ProfilePage) {
        self.init(matches: page.profiles.map { Match(id: $0.id, statuses: $0.statuses) }, total: page.total)
    }

    /// The page the lookup answered, with what the recipe reads of it: ids, statuses, total.
    var page: ProfilePage {
        let profiles = matches.compactMap { match in
            OmneoProfile(.object(["id": .string(match.id), "statuses": .array(match.statuses.map { .string($0) })]))
        }
        return ProfilePage(profiles: profiles, number: 1, lastPage: 1, total: total, hasNextPage: false)
    }
}
