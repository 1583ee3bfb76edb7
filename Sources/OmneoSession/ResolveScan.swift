// What resolving emails (EmailResolver) and external ids (IdentityResolver) share: the scan of the whole
// tenant that replaces one lookup per key when it is fewer requests, and the one outcome per input row
// built from each distinct key's matches.
import OmneoClient
import OmneoModel

enum ResolveScan {
    /// The whole tenant read once (`sort=created_at`, pages of `ResolvePlan.pageSize`) when `plan` asks for a
    /// scan, or `auto` finds its pages fewer than the lookups of `wanted`; each profile matched locally through
    /// `keys` (the wanted keys it can be found by), at most two kept per key (one is found, two ambiguous) and
    /// all counted. `chose` hears the choice (`scan`, the pages, the total as `2100 profiles`) before any page
    /// past the first is read; `phase` names the scan in the progress line. nil for lookups; not journaled.
    static func pages(
        for wanted: [String], plan: ResolvePlan, session: TenantSession, phase: String,
        chose: @Sendable (_ scan: Bool, _ pages: Int, _ total: String) async -> Void,
        keys: @escaping @Sendable (OmneoProfile, Set<String>) -> [String]
    ) async throws -> [String: ProfilePage]? {
        guard plan != .lookups, !wanted.isEmpty, plan == .scan || wanted.count >= ResolvePlan.probeFrom else { return nil }
        let size = ResolvePlan.pageSize
        @Sendable func page(_ number: Int, _ client: OmneoClient) async throws -> ProfilePage {
            try await client.profilePage(filters: ["sort": ["created_at"]], page: number, size: size)
        }
        let first = try await session.call { try await page(1, $0) }
        let pages = max(1, first.lastPage ?? first.total.map { ($0 + size - 1) / size } ?? 1)
        let total = first.total.map { "\($0) profiles" } ?? "profiles"
        // The scan's misses are asked one by one too; unknown in advance, so not counted.
        guard plan == .scan || pages < wanted.count else {
            await chose(false, pages, total)
            return nil
        }
        await chose(true, pages, total)
        let set = Set(wanted)
        @Sendable func keep(_ page: ProfilePage) -> [(String, OmneoProfile)] {
            page.profiles.flatMap { profile in keys(profile, set).map { ($0, profile) } }
        }
        var found: [String: [OmneoProfile]] = [:]
        var counts: [String: Int] = [:]
        func add(_ matches: [(String, OmneoProfile)]) {
            for (key, profile) in matches {
                counts[key, default: 0] += 1
                if found[key, default: []].count < 2 { found[key, default: []].append(profile) }
            }
        }
        add(keep(first))
        let client = session.client
        let rest = pages > 1 ? Array(2...pages) : []
        let arrived = try await session.fanOut(rest, phase: phase) { number in keep(try await page(number, client)) }
        for matches in arrived { add(matches) }
        var answers: [String: ProfilePage] = [:]
        for (key, profiles) in found {
            answers[key] = ProfilePage(profiles: profiles, number: 1, lastPage: 1, total: counts[key] ?? profiles.count, hasNextPage: false)
        }
        return answers
    }

    /// One row per input, in input order: `invalid` (with `problem`'s reason), `duplicate` of an earlier row,
    /// or from its key's matches `missing`, `found` (its statuses kept unless the id came from the cache:
    /// `unread`) or `ambiguous` (`N profiles share` + `shared`, e.g. "this email").
    static func resolution(
        _ inputs: [String], firstRow: [String: Int], matches: [String: ProfilePage], unread: Set<String>,
        normalise: (String) -> String, problem: (String) -> String?, shared: String
    ) -> EmailResolution {
        var result = EmailResolution()
        for (index, raw) in inputs.enumerated() {
            let key = normalise(raw)
            var row = EmailResolution.Row(input: raw, email: key, outcome: .found)
            if let problem = problem(key) {
                row.outcome = .invalid
                row.reason = problem
                result.invalid.append((raw, problem))
            } else if let first = firstRow[key], first != index + 1 {
                row.outcome = .duplicate
                row.duplicateOf = first
                row.id = result.byEmail[key]
            } else if let page = matches[key] {
                switch page.profiles.count {
                case 0:
                    row.outcome = .missing
                    result.missing.append(key)
                case 1:
                    let profile = page.profiles[0]
                    row.id = profile.id
                    result.ids.append(profile.id)
                    result.byEmail[key] = profile.id
                    if !unread.contains(profile.id) { result.statuses[profile.id] = profile.statuses }
                default:
                    let count = page.total ?? page.profiles.count
                    row.outcome = .ambiguous
                    row.reason = "\(count) profiles share \(shared)"
                    result.ambiguous.append(.init(email: key, ids: page.profiles.map(\.id), count: count))
                }
            }
            result.rows.append(row)
        }
        return result
    }
}
