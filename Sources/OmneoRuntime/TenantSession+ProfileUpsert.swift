// Profile upserts: rows checked first (an invalid row is kept back, the rest go), each match value looked up
// so a batch item's entity id tells created from updated, then sent in chunks of at most 500.
import LuaHost
import OmneoClient
import OmneoJournal

extension TenantSession {
    func upsert(_ rows: [ProfileFields], match: String, chunk: Int) async throws -> ProfileJob {
        guard (1...Self.maximumChunk).contains(chunk) else {
            throw WriteMisuse("chunk must be between 1 and \(Self.maximumChunk), got \(chunk)")
        }
        var job = ProfileJob(id: nextJob, count: rows.count)
        nextJob += 1
        var valid: [Int] = []
        for (offset, fields) in rows.enumerated() {
            let row = offset + 1, prefix = "profiles.\(row)."
            var problems = ProfileFieldRules.problems(of: fields.values, prefix: prefix)
            if let missing = ProfileFieldRules.matchProblem(of: fields.values, match: match, prefix: prefix) { problems.append(missing) }
            if problems.isEmpty { valid.append(row) } else { job.invalid[row] = problems.joined(separator: "; ") }
        }
        for (row, id) in try await existingIDs(rows, valid: valid, match: match) { job.existing[row] = id }
        if dryRun {
            plan.profiles.wouldCreate += valid.count - job.existing.count
            plan.profiles.wouldUpdate += job.existing.count
        } else {
            try await send(&job, rows: rows, valid: valid, match: match, chunk: chunk)
        }
        profileJobs[job.id] = job
        return job
    }

    /// Row -> the profile its match value names now. Email answers go through the journal, so a resumed
    /// run tells created from updated as the first attempt did (its creates would otherwise match).
    private func existingIDs(_ rows: [ProfileFields], valid: [Int], match: String) async throws -> [Int: String] {
        var found: [Int: String] = [:]
        var asked = valid
        var emails: [Int: String] = [:]
        if match == "email" {
            for row in valid {
                emails[row] = ProfileFieldRules.matchValue(rows[row - 1].values, match: match)?.trimmingSpaces.lowercased()
            }
            let replayed = try reusedLookups(Array(emails.values), cache: false).answers
            asked = []
            for row in valid {
                if let answer = emails[row].flatMap({ replayed[$0] }) {
                    if answer.matches.count == 1 { found[row] = answer.matches[0].id }
                } else {
                    asked.append(row)
                }
            }
        }
        let client = client
        let answers = try await fanOut(asked, phase: "matching profiles") { row in
            try await Self.existingID(of: rows[row - 1].values, match: match, client: client)
        }
        // The statuses each matched profile holds now: journaled before any write that may replace them.
        try remember(answers.flatMap(\.profiles))
        var lookups: [(String, LookupAnswer)] = []
        for (row, answer) in zip(asked, answers) {
            if answer.profiles.count == 1 { found[row] = answer.profiles[0].id }
            if let email = emails[row] { lookups.append((email, LookupAnswer(answer))) }
        }
        try recordLookups(lookups)
        return found
    }

    private static func existingID(of fields: [String: OmneoValue], match: String, client: OmneoClient) async throws -> ProfilePage {
        guard let value = ProfileFieldRules.matchValue(fields, match: match) else {
            return ProfilePage(profiles: [], number: 1, lastPage: 1, total: 0, hasNextPage: false)
        }
        if match == "email" {
            return try await client.profilePage(filters: ["email": value.trimmingSpaces.lowercased()], page: 1, size: 2)
        }
        let profile = try await client.profile(id: value, identity: match)
        return ProfilePage(profiles: profile.map { [$0] } ?? [], number: 1, lastPage: 1, total: profile == nil ? 0 : 1, hasNextPage: false)
    }

    private func send(_ job: inout ProfileJob, rows: [ProfileFields], valid: [Int], match: String, chunk: Int) async throws {
        progress.begin("sending profile batches", total: (valid.count + chunk - 1) / chunk)
        defer { progress.end() }
        for start in stride(from: 0, to: valid.count, by: chunk) {
            defer { progress.step() }
            let slice = Array(valid[start..<min(start + chunk, valid.count)])
            let fields = slice.map { rows[$0 - 1] }
            let payload = Self.payload([.string(match)] + fields.map { .object($0.values) })
            let ids = slice.map { job.existing[$0] ?? "" }
            // A chunk that replaces statuses is journaled as `upsert-replace`, with the statuses each row sets,
            // so `undo` can put the matched profiles' old sets back.
            let replacing = fields.contains(where: \.replacesStatusesOrTags)
            let operation = replacing ? "upsert-replace" : "upsert"
            let handles = replacing ? fields.map { ($0["statuses"]?.arrayValue ?? []).compactMap(\.stringValue) } : []
            if let earlier = earlierWrite(operation, ids: ids, handles: handles, payload: payload), let batchID = earlier.batchID {
                job.batches.append((batchID, slice, earlier.id))
                continue
            }
            let write = try intent(operation, ids: ids, handles: handles, payload: payload)
            do {
                let receipt = try await call { try await $0.upsertProfiles(fields, matchCriteria: match) }
                try sent(write, batchID: receipt.batchID, status: 202)
                job.batches.append((receipt.batchID, slice, write))
            } catch let error as OmneoClientError where !error.stopsTheRun {
                try refused(write, error)
                for (row, message) in Self.refusal(error, rows: slice) { job.unsent[row] = message }
            }
        }
    }

    /// A refused chunk: each row named by the 422 gets its own errors (renumbered to the recipe's rows);
    /// the others, why their chunk was not sent.
    static func refusal(_ error: OmneoClientError, rows: [Int]) -> [Int: String] {
        var named: [Int: [String]] = [:]
        for field in error.fieldErrors {
            let parts = field.field.split(separator: ".", maxSplits: 2)
            guard parts.count == 3, parts[0] == "profiles", let index = Int(parts[1]), rows.indices.contains(index) else { continue }
            let row = rows[index]
            named[row, default: []] += fieldLines([field]) { _ in "profiles.\(row).\(parts[2])" }
        }
        var result: [Int: String] = [:]
        for row in rows { result[row] = named[row]?.joined(separator: "; ") ?? "not sent: \(error.description)" }
        return result
    }

    /// Waits for every batch of the job; each row ends created, updated, failed or invalid.
    func waitProfiles(job id: Int, timeout: Double) async throws -> LuaValue {
        guard let job = profileJobs[id] else { throw WriteMisuse("unknown job \(id)") }
        var results: [Int: (outcome: String, id: String?, error: String?)] = [:]
        for (row, message) in job.invalid { results[row] = ("invalid", nil, message) }
        for (row, message) in job.unsent { results[row] = ("failed", nil, message) }
        var pending: [LuaValue] = []
        if dryRun {
            for row in stride(from: 1, through: job.count, by: 1) where results[row] == nil {
                results[row] = job.existing[row].map { ("would_update", $0, nil) } ?? ("would_create", nil, nil)
            }
        } else {
            let client = client
            let outcomes = try await fanOut(job.batches, phase: "waiting for profile batches", gated: false) { batch -> Result<BatchProgress, OmneoClientError> in
                do { return .success(try await client.waitForBatch(id: batch.batchID, timeout: timeout)) }
                catch let error as OmneoClientError where !error.stopsTheRun { return .failure(error) }
            }
            for (batch, outcome) in zip(job.batches, outcomes) {
                switch outcome {
                case .success(let progress):
                    var failed: [(profileID: String, error: String)] = []
                    for (index, row) in batch.rows.enumerated() {
                        let result = Self.result(progress.items.indices.contains(index) ? progress.items[index] : nil, existing: job.existing[row])
                        results[row] = result
                        if let error = result.error { failed.append((result.id ?? "row \(row)", error)) }
                    }
                    try finished(batch.write, status: progress.status, failures: failed)
                case .failure(let error):
                    try stillPending(batch.write, error, profileIDs: [])
                    pending.append(.string(batch.batchID))
                    for row in batch.rows { results[row] = ("failed", nil, error.description) }
                }
            }
        }
        return Self.summary(results, count: job.count, pending: pending, dryRun: dryRun)
    }

    private static func result(_ item: BatchItem?, existing: String?) -> (outcome: String, id: String?, error: String?) {
        guard let item else { return ("failed", nil, "the batch reported no item for this profile") }
        if item.failed { return ("failed", item.entityID, item.error ?? "failed") }
        guard let id = item.entityID else { return ("failed", nil, "the batch reported no profile id") }
        return (existing == id ? "updated" : "created", id, nil)
    }

    private static func summary(
        _ results: [Int: (outcome: String, id: String?, error: String?)], count: Int, pending: [LuaValue], dryRun: Bool
    ) -> LuaValue {
        var created: [LuaValue] = [], updated: [LuaValue] = [], failures: [LuaValue] = [], rows: [LuaValue] = []
        var seen: Set<String> = []
        for row in stride(from: 1, through: count, by: 1) {
            var result = results[row] ?? ("failed", nil, "no answer for this profile")
            // A new match value twice in one list: the first row created the profile, the later one updated it.
            if result.outcome == "created", let id = result.id, seen.contains(id) { result.outcome = "updated" }
            if let id = result.id { seen.insert(id) }
            var entry: [String: LuaValue] = ["index": .integer(Int64(row)), "outcome": .string(result.outcome)]
            if let id = result.id { entry["id"] = .string(id) }
            if let error = result.error { entry["error"] = .string(error) }
            rows.append(.object(entry))
            switch result.outcome {
            case "created": created.append(.string(result.id!))
            case "updated": updated.append(.string(result.id!))
            case "failed", "invalid": failures.append(ProfileJob.failure(row, result.error ?? result.outcome))
            default: break
            }
        }
        var fields: [String: LuaValue] = [
            "done": .boolean(pending.isEmpty), "failed": .integer(Int64(failures.count)), "failures": .array(failures),
            "succeeded": .integer(Int64(count - failures.count)), "created": .array(created), "updated": .array(updated),
            "rows": .array(rows), "pending": .array(pending),
        ]
        if dryRun {
            fields["dry_run"] = true
            fields["would_create"] = .integer(Int64(rows.count(where: { $0["outcome"].stringValue == "would_create" })))
            fields["would_update"] = .integer(Int64(rows.count(where: { $0["outcome"].stringValue == "would_update" })))
        }
        return .object(fields)
    }
}
