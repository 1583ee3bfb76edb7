// Profile upserts: rows checked first (an invalid row is kept back, the rest go), each match value looked up
// so a batch item's entity id tells created from updated, then sent in chunks of at most 500.
package import OmneoClient
import OmneoJournal
import OmneoModel

extension ProfileWriter {
    package func upsert(_ rows: [ProfileFields], match: String, chunk: Int) async throws -> ProfileJob {
        guard (1...StatusWriter.maximumChunk).contains(chunk) else {
            throw WriteMisuse("chunk must be between 1 and \(StatusWriter.maximumChunk), got \(chunk)")
        }
        var job = ProfileJob(id: session.nextJobID(), count: rows.count)
        var valid: [Int] = []
        for (offset, fields) in rows.enumerated() {
            let row = offset + 1, prefix = "profiles.\(row)."
            var problems = ProfileFieldRules.problems(of: fields.values, prefix: prefix)
            if let missing = ProfileFieldRules.matchProblem(of: fields.values, match: match, prefix: prefix) { problems.append(missing) }
            if problems.isEmpty { valid.append(row) } else { job.invalid[row] = problems.joined(separator: "; ") }
        }
        for (row, id) in try await existingIDs(rows, valid: valid, match: match) { job.existing[row] = id }
        if session.dryRun {
            plan.wouldCreate += valid.count - job.existing.count
            plan.wouldUpdate += job.existing.count
        } else {
            try await send(&job, rows: rows, valid: valid, match: match, chunk: chunk)
        }
        jobs[job.id] = job
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
                emails[row] = ProfileFieldRules.matchValue(rows[row - 1].values, match: match).map(EmailAddress.normalise)
            }
            let replayed = try await resolver.reusedLookups(Array(emails.values), cache: false).answers
            asked = []
            for row in valid {
                if let answer = emails[row].flatMap({ replayed[$0] }) {
                    if answer.matches.count == 1 { found[row] = answer.matches[0].id }
                } else {
                    asked.append(row)
                }
            }
        }
        let client = session.client
        let answers = try await session.fanOut(asked, phase: "matching profiles") { row in
            try await Self.existingID(of: rows[row - 1].values, match: match, client: client)
        }
        // The statuses each matched profile holds now: journaled before any write that may replace them.
        try session.remember(answers.flatMap(\.profiles))
        var lookups: [(String, LookupAnswer)] = []
        for (row, answer) in zip(asked, answers) {
            if answer.profiles.count == 1 { found[row] = answer.profiles[0].id }
            if let email = emails[row] { lookups.append((email, LookupAnswer(answer))) }
        }
        try await resolver.recordLookups(lookups)
        return found
    }

    private static func existingID(of fields: [String: JSONValue], match: String, client: OmneoClient) async throws -> ProfilePage {
        guard let value = ProfileFieldRules.matchValue(fields, match: match) else { return .single(nil) }
        if match == "email" {
            return try await client.profilePage(filters: ["email": EmailAddress.normalise(value)], page: 1, size: 2)
        }
        return .single(try await client.profile(id: value, identity: match))
    }

    private func send(_ job: inout ProfileJob, rows: [ProfileFields], valid: [Int], match: String, chunk: Int) async throws {
        let progress = session.progress
        progress.begin("sending profile batches", total: (valid.count + chunk - 1) / chunk)
        defer { progress.end() }
        for start in stride(from: 0, to: valid.count, by: chunk) {
            defer { progress.step() }
            let slice = Array(valid[start..<min(start + chunk, valid.count)])
            let fields = slice.map { rows[$0 - 1] }
            let payload = WriteLedger.payload([.string(match)] + fields.map { .object($0.values) })
            let ids = slice.map { job.existing[$0] ?? "" }
            // A chunk that replaces statuses is journaled as `upsert-replace`, with the statuses each row sets,
            // so `undo` can put the matched profiles' old sets back.
            let replacing = fields.contains(where: \.replacesStatusesOrTags)
            let operation: WriteOperation = replacing ? .upsertReplace : .upsert
            let handles = replacing ? fields.map { ($0["statuses"]?.arrayValue ?? []).compactMap(\.stringValue) } : []
            if let earlier = session.ledger.earlier(operation, ids: ids, handles: handles, payload: payload), let batchID = earlier.batchID {
                job.batches.append((batchID, slice, earlier.id))
                continue
            }
            var readBack = false
            while true {
                do {
                    let (receipt, write) = try await session.ledger.perform(
                        operation, ids: ids, handles: handles, payload: payload, readsBack: !readBack,
                        question: "create or update \(WriteConfirmation.profiles(valid.count - start)) matched on \(match)"
                            + (replacing ? ", replacing their statuses" : ""),
                        answer: { .queued(batchID: $0.batchID) }
                    ) {
                        try await self.session.call { try await $0.upsertProfiles(fields, matchCriteria: match) }
                    }
                    job.batches.append((receipt.batchID, slice, write))
                } catch let uncertain as UncertainWrite {
                    // Never re-sent blind: read back first; only a chunk of which nothing landed goes again.
                    if try await concluded(uncertain, rows: slice, fields: fields, match: match, job: &job) { break }
                    readBack = true
                    continue
                } catch let error as OmneoClientError where !error.stopsTheRun {
                    for (row, message) in Self.refusal(error, rows: slice) { job.unsent[row] = message }
                }
                break
            }
        }
    }

    /// Waits between read-backs of a chunk whose answer was lost (the batch may still be in the queue).
    static let readBackWaits: [Double] = [1, 2, 4, 8]

    /// A chunk whose answer was lost, read back row by row (by its match value) until every row shows the
    /// fields it sent: then it landed, and each row is created or updated without a batch to wait for.
    /// Nothing landed after the waits: false, and the chunk is sent once more. Some rows only: those end
    /// failed as uncertain (`resume` reads them back again), since the batch is evidently still at work.
    private func concluded(
        _ uncertain: UncertainWrite, rows: [Int], fields: [ProfileFields], match: String, job: inout ProfileJob
    ) async throws -> Bool {
        let client = session.client
        var landed: [Int: String] = [:]
        for wait in Self.readBackWaits {
            try await session.client.stopSwitch.sleep(until: .now + .seconds(wait), call: "the read-back of a profile batch")
            let pages = try await session.fanOut(Array(fields.indices), phase: "reading back a lost batch") { index in
                try await Self.existingID(of: fields[index].values, match: match, client: client)
            }
            landed = [:]
            for (index, page) in pages.enumerated() where page.profiles.count == 1 {
                let profile = page.profiles[0]
                if job.existing[rows[index]] == nil || Self.shows(fields[index], on: profile) { landed[rows[index]] = profile.id }
            }
            if landed.count == rows.count { break }
        }
        if landed.isEmpty {
            try session.ledger.notApplied(uncertain.write, "\(uncertain.error.description); read back: no row landed, so it is sent again")
            return false
        }
        if landed.count == rows.count {
            try session.ledger.record(uncertain.write, .applied(profileIDs: rows.map { landed[$0]! }, status: 202))
        }
        for row in rows {
            if let id = landed[row] {
                job.readBack[row] = .init(index: row, outcome: job.existing[row] == id ? .updated : .created, id: id)
            } else {
                job.readBack[row] = .init(index: row, outcome: .failed, error: "\(uncertain.error.description); read back: not landed yet")
            }
        }
        return true
    }

    /// True when the profile holds every plain field the row sent (lists such as tags are not compared;
    /// statuses, when sent, as a set; emails as the tenant matches them).
    static func shows(_ fields: ProfileFields, on profile: OmneoProfile) -> Bool {
        for (key, sent) in fields.values {
            let held = profile.fields[key] ?? .null
            if key == "statuses" {
                let wanted = Set(sent.arrayValue?.compactMap(\.stringValue) ?? [])
                if wanted != Set(profile.statuses) { return false }
            } else if ProfileFieldRules.listFields.contains(key) {
                continue
            } else if key == "email" {
                if EmailAddress.normalise(sent.stringValue ?? "") != EmailAddress.normalise(held.stringValue ?? "") { return false }
            } else if sent != held {
                return false
            }
        }
        return true
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
}
