// External ids (a Shopify customer id) to profile ids, as EmailResolver does emails: trimmed, checked,
// de-duplicated, looked up at the tenant's pace (or found by one scan when that is fewer requests), one
// outcome each and never guessed. A profile counts only when it really carries an identity with this
// handle and identifier: the filter `identities.identifier` matches any handle's identifier, and the
// documented lookup `GET /v3/profiles/{id}?identity[handle]=` answers one profile even when two share
// the id, so neither is taken at its word.
import Foundation
import OmneoClient
import OmneoJournal
import OmneoModel

package struct IdentityResolver: Sendable {
    let session: TenantSession
    /// Keeps the journal's lookups: replayed by resume, reused within the cache TTL (keyed
    /// `identity:HANDLE:IDENTIFIER`, which no email address can be).
    let emails: EmailResolver
    package let handle: String

    package init(session: TenantSession, emails: EmailResolver, handle: String) {
        self.session = session
        self.emails = emails
        self.handle = handle
    }

    /// nil for a handle the vendor could hold (any non-empty text without spaces or slashes), else why not.
    package static func handleProblem(_ handle: String) -> String? {
        if handle.isEmpty { return "an identity handle is empty" }
        if handle.contains(where: { $0.isWhitespace || $0 == "/" }) { return "an identity handle has no spaces or slashes" }
        return nil
    }

    /// The identifier as compared: surrounding spaces trimmed (a CSV cell), nothing else changed.
    package static func normalise(_ input: String) -> String { input.trimmingSpaces }

    static func problem(_ identifier: String) -> String? {
        identifier.isEmpty ? "empty" : nil
    }

    func key(_ identifier: String) -> String { "identity:\(handle):\(identifier)" }

    /// True when `profile` holds an identity with this handle whose identifier is `identifier`.
    static func carries(_ profile: OmneoProfile, handle: String, identifier: String) -> Bool {
        (profile["identities"]?.arrayValue ?? []).contains { identity in
            identity["handle"]?.stringValue == handle && identity["identifier"]?.lenientString == identifier
        }
    }

    package func resolve(_ inputs: [String], plan: ResolvePlan?) async throws -> EmailResolution {
        var firstRow: [String: Int] = [:]
        var wanted: [String] = []
        for (index, raw) in inputs.enumerated() {
            let identifier = Self.normalise(raw)
            if Self.problem(identifier) == nil, firstRow[identifier] == nil {
                firstRow[identifier] = index + 1
                wanted.append(identifier)
            }
        }
        var matches: [String: ProfilePage] = [:]
        let reused = try await emails.reusedLookups(wanted.map(key))
        for identifier in wanted { matches[identifier] = reused.answers[key(identifier)]?.page }
        try await emails.recordLookups(reused.cached)
        let unread = Set(reused.answers.values.filter(\.reused).flatMap { $0.matches.map(\.id) })
        var asked = wanted.filter { matches[$0] == nil }
        if let scanned = try await scanIfCheaper(asked, plan: plan ?? session.resolvePlan) {
            matches.merge(scanned) { _, new in new }
            asked = asked.filter { matches[$0] == nil }
        }
        let client = session.client
        let handle = handle
        var arrived: [(String, LookupAnswer)] = []
        let found: [ProfilePage]
        do {
            found = try await session.fanOut(asked, phase: "resolving \(handle) identities", arrived: { index, page in
                arrived.append((key(asked[index]), LookupAnswer(page)))
            }) { identifier in
                try await Self.lookup(identifier, handle: handle, client: client)
            }
        } catch {
            try? await emails.recordLookups(arrived)
            throw error
        }
        for (identifier, page) in zip(asked, found) { matches[identifier] = page }
        try session.remember(found.flatMap(\.profiles))
        try await emails.recordLookups(arrived)
        var resolution = ResolveScan.resolution(
            inputs, firstRow: firstRow, matches: matches, unread: unread,
            normalise: Self.normalise, problem: Self.problem, shared: "this \(handle) identity"
        )
        resolution.fromCache = reused.answers.values.count(where: \.reused)
        return resolution
    }

    /// Every profile whose identities hold `identifier`, kept when the identity is this handle's: at most two
    /// kept (one is found, two ambiguous), all counted. Pages are read until the tenant has no more, since the
    /// filter matches other handles' identifiers too.
    static func lookup(_ identifier: String, handle: String, client: OmneoClient) async throws -> ProfilePage {
        var kept: [OmneoProfile] = []
        var count = 0
        var number = 1
        while true {
            let page = try await client.profilePage(filters: ["identities.identifier": [identifier]], page: number, size: 100)
            for profile in page.profiles where carries(profile, handle: handle, identifier: identifier) {
                count += 1
                if kept.count < 2 { kept.append(profile) }
            }
            guard page.hasNextPage, !page.profiles.isEmpty else { break }
            number += 1
        }
        return ProfilePage(profiles: kept, number: 1, lastPage: 1, total: count, hasNextPage: false)
    }

    /// As EmailResolver's scan (`ResolveScan.pages`): the whole tenant read once, matched locally by this
    /// handle's identifiers, when `plan` asks for it or `auto` finds it fewer requests than one lookup each.
    /// nil for lookups.
    private func scanIfCheaper(_ identifiers: [String], plan: ResolvePlan) async throws -> [String: ProfilePage]? {
        let handle = handle
        let client = session.client
        guard let answers = try await ResolveScan.pages(
            for: identifiers, plan: plan, session: session, phase: "scanning the tenant for \(identifiers.count) \(handle) identities",
            chose: { scan, pages, _ in
                client.note(scan
                    ? "resolving \(handle) identities by a scan of \(pages) pages instead of \(identifiers.count) lookups"
                    : "resolving \(handle) identities by lookups: \(identifiers.count), fewer requests than a scan of \(pages) pages")
            },
            keys: { profile, wanted in
                Array(Set((profile["identities"]?.arrayValue ?? []).compactMap { identity -> String? in
                    guard identity["handle"]?.stringValue == handle, let id = identity["identifier"]?.lenientString, wanted.contains(id) else { return nil }
                    return id
                }))
            }
        ) else { return nil }
        try session.remember(answers.values.flatMap(\.profiles))
        let ordered = answers.sorted { $0.key < $1.key }.map { (key($0.key), LookupAnswer($0.value)) }
        for slice in stride(from: 0, to: ordered.count, by: EmailResolver.lookupSlice) {
            try await emails.recordLookups(Array(ordered[slice..<min(slice + EmailResolver.lookupSlice, ordered.count)]))
        }
        return answers
    }
}
