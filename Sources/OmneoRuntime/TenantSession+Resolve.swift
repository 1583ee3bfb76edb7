// Emails to profile ids: trimmed, lower-cased, validated, de-duplicated, looked up concurrently.
// Zero matches is `missing`, several `ambiguous`: never guessed. Every input row gets one outcome.
import LuaHost
import OmneoClient
import OmneoJournal

extension TenantSession {
    /// Lookups journaled together; at most this many are asked again after a kill.
    static let lookupSlice = 100

    func resolve(_ inputs: [String]) async throws -> LuaValue {
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
        let asked = lookups.filter { matches[$0] == nil }
        let client = client
        // Journaled a hundred answers at a time as they arrive, so a run killed while resolving resumes
        // from where it got to.
        var arrived: [(String, LookupAnswer)] = []
        let found = try await fanOut(asked, phase: "resolving emails", arrived: { index, page in
            arrived.append((asked[index], LookupAnswer(page)))
            if arrived.count >= Self.lookupSlice {
                try self.recordLookups(arrived)
                arrived = []
            }
        }) { email in
            try await client.profilePage(filters: ["email": email], page: 1, size: 2)
        }
        for (email, page) in zip(asked, found) { matches[email] = page }
        try remember(found.flatMap(\.profiles))
        try recordLookups(arrived)
        return Self.resolution(inputs, firstRow: firstRow, matches: matches)
    }

    private static func resolution(_ inputs: [String], firstRow: [String: Int], matches: [String: ProfilePage]) -> LuaValue {
        var ids: [LuaValue] = [], byEmail: [String: LuaValue] = [:], statuses: [String: LuaValue] = [:]
        var missing: [LuaValue] = [], ambiguous: [LuaValue] = [], invalid: [LuaValue] = [], rows: [LuaValue] = []
        for (index, raw) in inputs.enumerated() {
            let email = EmailAddress.normalise(raw)
            var row: [String: LuaValue] = ["input": .string(raw), "email": .string(email)]
            if let problem = EmailAddress.problem(email) {
                row["outcome"] = "invalid"
                row["reason"] = .string(problem)
                invalid.append(.object(["email": .string(raw), "reason": .string(problem)]))
            } else if let first = firstRow[email], first != index + 1 {
                row["outcome"] = "duplicate"
                row["duplicate_of"] = .integer(Int64(first))
                row["id"] = byEmail[email] ?? .nil
            } else if let page = matches[email] {
                switch page.profiles.count {
                case 0:
                    row["outcome"] = "missing"
                    missing.append(.string(email))
                case 1:
                    let profile = page.profiles[0]
                    row["outcome"] = "found"
                    row["id"] = .string(profile.id)
                    ids.append(.string(profile.id))
                    byEmail[email] = .string(profile.id)
                    statuses[profile.id] = .array(profile.statuses.map { .string($0) })
                default:
                    let count = page.total ?? page.profiles.count
                    row["outcome"] = "ambiguous"
                    row["reason"] = .string("\(count) profiles share this email")
                    ambiguous.append(.object(["email": .string(email), "ids": .array(page.profiles.map { .string($0.id) }), "count": .integer(Int64(count))]))
                }
            }
            rows.append(.object(row))
        }
        return .object([
            "ids": .array(ids), "by_email": .object(byEmail), "statuses": .object(statuses),
            "missing": .array(missing), "ambiguous": .array(ambiguous), "invalid": .array(invalid), "rows": .array(rows),
        ])
    }
}
