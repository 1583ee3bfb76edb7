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
    /// Distinct emails answered so far: from the lookup cache, asked of the tenant, found by a scan.
    private var fromCache = 0
    private var asked = 0
    private var scanned = 0
    /// Each choice between lookups and a scan, with why (the dry run prints them).
    private var planChoices: [String] = []

    public init(session: TenantSession) { self.session = session }

    /// `feed` sees each distinct email's answer as it is known (replayed, cached, scanned or asked).
    public func resolve(_ inputs: [String], plan: ResolvePlan? = nil) async throws -> EmailResolution {
        try await resolve(inputs, plan: plan, feed: nil)
    }

    func resolve(_ inputs: [String], plan: ResolvePlan?, feed: ChunkFeed?) async throws -> EmailResolution {
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
        let position = Dictionary(uniqueKeysWithValues: lookups.enumerated().map { ($1, $0) })
        func fed(_ email: String, _ page: ProfilePage) { feed?.answered(position[email]!, profiles: page.profiles.map(\.id)) }
        for (email, page) in matches { fed(email, page) }
        var asked = lookups.filter { matches[$0] == nil }
        if let scanned = try await scanIfCheaper(asked, plan: plan ?? session.resolvePlan) {
            for (email, page) in scanned {
                matches[email] = page
                fed(email, page)
            }
            // Not found by the scan: asked one by one, so a profile created mid-scan is not reported missing.
            asked = asked.filter { matches[$0] == nil }
        }
        let client = session.client
        // Journaled a hundred answers at a time as they arrive, so a run killed while resolving resumes
        // from where it got to.
        var arrived: [(String, LookupAnswer)] = []
        let found: [ProfilePage]
        do {
            found = try await session.fanOut(asked, phase: "resolving emails", arrived: { index, page in
            // Journaled as read before it can join a chunk: a pipelined write must not read it again.
            if feed != nil { try self.session.remember(page.profiles) }
            fed(asked[index], page)
            arrived.append((asked[index], LookupAnswer(page)))
            if arrived.count >= Self.lookupSlice {
                try self.recordLookups(arrived)
                arrived = []
            }
            }) { email in
                try await client.profilePage(filters: ["email": email], page: 1, size: 2)
            }
        } catch {
            // A run that stops (Ctrl-C, a refusal) keeps the answers it got: its resume does not ask them again.
            try? recordLookups(arrived)
            throw error
        }
        for (email, page) in zip(asked, found) { matches[email] = page }
        // A pipelined resolve journaled each answer as it came (above); otherwise all at once, here.
        if feed == nil { try session.remember(found.flatMap(\.profiles)) }
        try recordLookups(arrived)
        var resolution = ResolveScan.resolution(
            inputs, firstRow: firstRow, matches: matches, unread: unread,
            normalise: EmailAddress.normalise, problem: EmailAddress.problem, shared: "this email"
        )
        resolution.fromCache = reused.answers.values.count(where: \.reused)
        fromCache += resolution.fromCache
        self.asked += asked.count
        return resolution
    }

    /// `emails: 380 answered from the lookup cache (ids only), 20 asked`, once any email was resolved,
    /// and each choice between lookups and a scan, with why.
    package var sourceLines: [String] {
        guard fromCache + asked + scanned > 0 else { return planChoices }
        let hint = fromCache > 0 ? " (a real run sends its batch to every one; --cache-ttl 0 asks again)" : ""
        let scan = scanned > 0 ? ", \(scanned) found by scanning the tenant" : ""
        return ["emails: \(fromCache) answered from the lookup cache (ids only)\(scan), \(asked) asked of the tenant\(hint)"] + planChoices
    }

    /// The plan for `emails` (none cached or replayed): a scan when forced, or when `auto` finds it
    /// cheaper from the first page of the whole tenant (which the scan then uses). Returns what the scan
    /// found (each email's matches, at most two kept, with their count), journaled as lookups, or nil
    /// for lookups. Only the wanted emails' matches are kept, however large the tenant.
    private func scanIfCheaper(_ emails: [String], plan: ResolvePlan) async throws -> [String: ProfilePage]? {
        let size = ResolvePlan.pageSize
        guard let answers = try await ResolveScan.pages(
            for: emails, plan: plan, session: session, phase: "scanning the tenant for \(emails.count) emails",
            chose: { scan, pages, total in
                await self.choose(scan
                    ? "scan: \(pages) pages of \(size) (\(total)) instead of \(emails.count) lookups"
                        + (plan == .scan ? " (asked for)" : ", then a lookup for each email it does not find")
                    : "lookups: \(emails.count) emails, fewer requests than a scan of \(pages) pages (\(total))")
            },
            keys: { profile, wanted in
                let email = EmailAddress.normalise(profile.fields["email"]?.stringValue ?? "")
                return wanted.contains(email) ? [email] : []
            }
        ) else { return nil }
        try session.remember(answers.values.flatMap(\.profiles))
        let ordered = answers.sorted { $0.key < $1.key }.map { ($0.key, LookupAnswer($0.value)) }
        for slice in stride(from: 0, to: ordered.count, by: Self.lookupSlice) {
            try recordLookups(Array(ordered[slice..<min(slice + Self.lookupSlice, ordered.count)]))
        }
        scanned += answers.count
        return answers
    }

    private func choose(_ line: String) {
        planChoices.append(line)
        session.client.note("resolving emails by \(line)")
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
