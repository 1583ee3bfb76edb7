// Emails to profile ids: trimmed, lower-cased, validated, de-duplicated, looked up concurrently. Zero
// matches is `missing`, several `ambiguous`: never guessed. Answers are journaled (replayed by resume,
// reused within the cache TTL).
import Foundation
import OmneoClient
import OmneoJournal
import OmneoModel

public actor EmailResolver {
    /// Lookups journaled together; at most this many are asked again after a kill.
    static let lookupSlice = 100

    private let session: TenantSession
    /// Distinct emails answered so far: from the lookup cache, and asked of the tenant.
    private var fromCache = 0
    private var asked = 0

    public init(session: TenantSession) { self.session = session }

    public func resolve(_ inputs: [String]) async throws -> EmailResolution {
        var firstRow: [String: Int] = [:]
        var lookups: [String] = []
        for (index, raw) in inputs.enumerated() {
            let email = EmailAddress.normalise(raw)
            if EmailAddress.problem(email) == nil, firstRow[email] == nil {
                firstRow[email] = index + 1
                lookups.append(email)
            }
        }
        var matches: [String: ProfilePage] = [:]
        let reused = try reusedLookups(lookups)
        for (email, answer) in reused.answers { matches[email] = answer.page }
        try recordLookups(reused.cached)
        // Ids only: their statuses are not this run's reads, so the write goes to every one of them.
        let unread = Set(reused.answers.values.filter(\.reused).flatMap { $0.matches.map(\.id) })
        let asked = lookups.filter { matches[$0] == nil }
        let client = session.client
        // Journaled a hundred answers at a time as they arrive, so a run killed while resolving resumes
        // from where it got to.
        var arrived: [(String, LookupAnswer)] = []
        let found = try await session.fanOut(asked, phase: "resolving emails", arrived: { index, page in
            arrived.append((asked[index], LookupAnswer(page)))
            if arrived.count >= Self.lookupSlice {
                try self.recordLookups(arrived)
                arrived = []
            }
        }) { email in
            try await client.profilePage(filters: ["email": email], page: 1, size: 2)
        }
        for (email, page) in zip(asked, found) { matches[email] = page }
        try session.remember(found.flatMap(\.profiles))
        try recordLookups(arrived)
        var resolution = Self.resolution(inputs, firstRow: firstRow, matches: matches, unread: unread)
        resolution.fromCache = reused.answers.values.count(where: \.reused)
        resolution.asked = asked.count
        fromCache += resolution.fromCache
        self.asked += asked.count
        return resolution
    }

    /// `emails: 380 answered from the lookup cache (ids only), 20 asked`, once any email was resolved.
    package var sourceLines: [String] {
        guard fromCache + asked > 0 else { return [] }
        let hint = fromCache > 0 ? " (a real run sends its batch to every one; --cache-ttl 0 asks again)" : ""
        return ["emails: \(fromCache) answered from the lookup cache (ids only), \(asked) asked of the tenant\(hint)"]
    }

    /// Answers not to ask again: an earlier attempt's (resume), then the cache's (younger than the TTL, on
    /// this tenant identity; `cache: false` skips it). An earlier attempt's own reads become what the run
    /// knows of those profiles; a cached answer gives ids only (`reused`). `cached` are recorded as this
    /// run's own, marked reused, so a resume of it replays them too.
    func reusedLookups(_ emails: [String], cache: Bool = true) throws -> (answers: [String: LookupAnswer], cached: [(String, LookupAnswer)]) {
        guard let journal = session.journal, !emails.isEmpty else { return ([:], []) }
        var answers: [String: LookupAnswer] = [:]
        if let earlier = journal.earlier?.lookups {
            for email in emails { answers[email] = earlier[email] }
        }
        let rest = emails.filter { answers[$0] == nil }
        var cached: [String: LookupAnswer] = [:]
        if cache, journal.cacheTTL > 0, !rest.isEmpty {
            let since = Date().timeIntervalSince1970 - journal.cacheTTL
            cached = try journal.record { try $0.cachedLookups(tenant: journal.tenant.key, emails: rest, since: since) }
            answers.merge(cached) { old, _ in old }
        }
        try session.knowledge.learn(answers.values.filter { !$0.reused }.flatMap { $0.matches.map { ($0.id, $0.statuses) } })
        session.knowledge.reuse(answers.values.filter(\.reused).flatMap { $0.matches.map(\.id) })
        return (answers, rest.compactMap { email in cached[email].map { (email, $0) } })
    }

    func recordLookups(_ answers: [(String, LookupAnswer)]) throws {
        guard let journal = session.journal, !answers.isEmpty else { return }
        try journal.record { try $0.lookups(runID: journal.runID, tenant: journal.tenant.key, answers: answers.map { (email: $0.0, answer: $0.1) }) }
    }

    private static func resolution(
        _ inputs: [String], firstRow: [String: Int], matches: [String: ProfilePage], unread: Set<String>
    ) -> EmailResolution {
        var result = EmailResolution()
        for (index, raw) in inputs.enumerated() {
            let email = EmailAddress.normalise(raw)
            var row = EmailResolution.Row(input: raw, email: email, outcome: .found)
            if let problem = EmailAddress.problem(email) {
                row.outcome = .invalid
                row.reason = problem
                result.invalid.append((raw, problem))
            } else if let first = firstRow[email], first != index + 1 {
                row.outcome = .duplicate
                row.duplicateOf = first
                row.id = result.byEmail[email]
            } else if let page = matches[email] {
                switch page.profiles.count {
                case 0:
                    row.outcome = .missing
                    result.missing.append(email)
                case 1:
                    let profile = page.profiles[0]
                    row.id = profile.id
                    result.ids.append(profile.id)
                    result.byEmail[email] = profile.id
                    if !unread.contains(profile.id) { result.statuses[profile.id] = profile.statuses }
                default:
                    let count = page.total ?? page.profiles.count
                    row.outcome = .ambiguous
                    row.reason = "\(count) profiles share this email"
                    result.ambiguous.append(.init(email: email, ids: page.profiles.map(\.id), count: count))
                }
            }
            result.rows.append(row)
        }
        return result
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
