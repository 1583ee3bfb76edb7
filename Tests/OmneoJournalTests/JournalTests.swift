// The journal on its own: runs, writes, lookups, tenant identities, migrations, and the files it refuses.
import Foundation
import GRDB
import OmneoModel
@testable import OmneoJournal
import Testing

@Suite struct JournalTests {
    static func temporaryPath() -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)").path
        return folder + "/journal.sqlite"
    }

    static func identity(_ name: String) -> TenantIdentity {
        TenantIdentity(name: name, baseURL: "https://api.\(name).getomneo.com/api", fingerprint: "00112233aabbccdd")
    }

    static func start(_ journal: Journal, id: String = "20261202-120000-aaaa", tenant: String = "acme") throws {
        var run = RunStart(id: id, tenant: identity(tenant), recipePath: "/r/tag.lua", recipeText: Array("print(1)".utf8))
        run.arguments = [["min_followers", "20000"]]
        try journal.begin(run)
    }

    @Test func runsAreListedNewestFirstWithOutcomeCounts() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        try Self.start(journal, id: "20261202-120000-aaaa")
        try Self.start(journal, id: "20261202-120001-bbbb", tenant: "other")
        try journal.outcome(runID: "20261202-120000-aaaa", seq: 1, key: "a@x.com", profileID: "p1", outcome: "added", detail: nil)
        try journal.outcome(runID: "20261202-120000-aaaa", seq: 2, key: "b@x.com", profileID: nil, outcome: "not_found", detail: "none")
        try journal.outcome(runID: "20261202-120000-aaaa", seq: 3, key: "c@x.com", profileID: "p3", outcome: "added", detail: nil)
        try journal.end(runID: "20261202-120000-aaaa", exitCode: 0, error: nil)
        let runs = try journal.runs()
        #expect(runs.map(\.id) == ["20261202-120001-bbbb", "20261202-120000-aaaa"])
        #expect(runs[1].outcomes == ["added": 2, "not_found": 1])
        #expect(runs[1].state == "done")
        // Begun by this (living) process and never ended: running; once its process is gone, interrupted.
        #expect(runs[0].state == "running")
        try journal.write { db in try db.execute(sql: "UPDATE run SET pid = 2147483000 WHERE id = '20261202-120001-bbbb'") }
        #expect(try journal.run("20261202-120001-bbbb").state == "interrupted")
        #expect(runs[1].arguments == [["min_followers", "20000"]])
        #expect(try journal.runs(tenant: "other").map(\.id) == ["20261202-120001-bbbb"])
        #expect(try journal.outcomes(runID: "20261202-120000-aaaa", only: ["not_found"]).first?[3] == "none")
    }

    @Test func aRunIsFoundByAUniquePrefixOnly() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        try Self.start(journal, id: "20261202-120000-aaaa")
        try Self.start(journal, id: "20261202-120000-abbb")
        #expect(try journal.run("20261202-120000-aa").id == "20261202-120000-aaaa")
        #expect(throws: JournalError.self) { try journal.run("20261202-120000-a") }
        #expect(throws: JournalError.self) { try journal.run("nope") }
        do {
            _ = try journal.run("20261202-120000-a")
        } catch {
            #expect(error.description.contains("names several runs"))
        }
    }

    @Test func lastNamesTheNewestRunAndLastTildeNTheOnesBeforeIt() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        for id in ["20261202-120000-aaaa", "20261202-120001-bbbb", "20261202-120002-cccc"] { try Self.start(journal, id: id) }
        #expect(try journal.run("last").id == "20261202-120002-cccc")
        #expect(try journal.run("last~0").id == "20261202-120002-cccc")
        #expect(try journal.run("last~1").id == "20261202-120001-bbbb")
        #expect(try journal.run("last~2").id == "20261202-120000-aaaa")
        for reference in ["last~3", "last~-1", "last~", "lastly"] {
            #expect(throws: JournalError.self, "\(reference)") { try journal.run(reference) }
        }
    }

    @Test func theOptionsAResumeKeepsAreStoredAndReplacedOnlyByAnAttemptThatGivesThem() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        let id = "20261202-120000-aaaa"
        var run = RunStart(id: id, tenant: Self.identity("acme"), recipePath: "/r/tag.lua", recipeText: [])
        run.options.rate = 60
        run.options.cacheTTL = "0"
        run.options.allowRead = ["/srv/exports"]
        try journal.begin(run)
        #expect(try journal.run(id).options == run.options)
        _ = try journal.beginAttempt(runID: id, recipeText: [])
        #expect(try journal.run(id).options == run.options)
        var again = run.options
        again.rate = 500
        _ = try journal.beginAttempt(runID: id, recipeText: [], options: again)
        #expect(try journal.run(id).options.flags == ["--rate", "500", "--cache-ttl", "0", "--allow-read", "/srv/exports"])
    }

    @Test func aResumedAttemptKeepsWritesAndClearsOutcomes() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        let id = "20261202-120000-aaaa"
        try Self.start(journal, id: id)
        let write = try journal.intent(runID: id, attempt: 1, operation: .attach, handles: [["vip"], ["vip", "staff"]], profileIDs: ["p1", "p2"])
        try journal.sent(write: write, batchID: "b1", httpStatus: 202)
        try journal.outcome(runID: id, seq: 1, key: "a", profileID: "p1", outcome: "added", detail: nil)
        #expect(try journal.beginAttempt(runID: id, recipeText: Array("print(2)".utf8)) == 2)
        #expect(try journal.outcomes(runID: id).isEmpty)
        let writes = try journal.writes(runID: id)
        #expect(writes.count == 1)
        #expect(writes[0].state == .sent && writes[0].batchID == "b1" && writes[0].handles == [["vip"], ["vip", "staff"]])
        #expect(try journal.run(id).recipeHash == RunStart.hash(Array("print(2)".utf8)))
    }

    /// The cache gives ids only, per tenant identity; a reused answer is replayed by a resume of its run
    /// (marked reused) but never becomes a cache source itself, so it ages out one TTL after the tenant gave it.
    @Test func theLookupCacheGivesIdsOnlyPerIdentityAndNeverRenewsItself() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        let id = "20261202-120000-aaaa", later = "20261202-130000-bbbb"
        try Self.start(journal, id: id)
        try Self.start(journal, id: later)
        let acme = Self.identity("acme").key
        try journal.lookups(runID: id, tenant: acme, answers: [
            ("a@x.com", LookupAnswer(matches: [.init(id: "p1", statuses: ["staff"])], total: 1)),
            ("b@x.com", LookupAnswer(matches: [], total: 0)),
        ])
        let cached = try journal.cachedLookups(tenant: acme, emails: ["a@x.com", "b@x.com", "d@x.com"], since: 0)
        #expect(cached["a@x.com"]?.matches == [.init(id: "p1", statuses: [])])
        #expect(cached["a@x.com"]?.reused == true)
        #expect(cached["b@x.com"] == nil)  // "nobody has it" may have changed since: asked again
        #expect(cached["d@x.com"] == nil)
        #expect(try journal.cachedLookups(tenant: acme, emails: ["a@x.com"], since: Date().timeIntervalSince1970 + 60).isEmpty)
        // Same name, other base URL or token: another identity, nothing shared.
        #expect(try journal.cachedLookups(tenant: Self.identity("other").key, emails: ["a@x.com"], since: 0).isEmpty)
        let renamed = TenantIdentity(name: "acme", baseURL: "https://api.acme.getomneo.com/api", fingerprint: "ffffffffffffffff")
        #expect(try journal.cachedLookups(tenant: renamed.key, emails: ["a@x.com"], since: 0).isEmpty)

        // The later run records the reused answer as its own: replayed as reused, never a cache source.
        try journal.lookups(runID: later, tenant: acme, answers: [("a@x.com", cached["a@x.com"]!)])
        #expect(try journal.lookups(runID: later)["a@x.com"]?.reused == true)
        #expect(try journal.lookups(runID: id)["a@x.com"]?.reused == false)
        #expect(try journal.lookups(runID: id)["a@x.com"]?.matches.first?.statuses == ["staff"])
        try journal.write { db in try db.execute(sql: "DELETE FROM lookup WHERE run_id = ?", arguments: [id]) }
        #expect(try journal.cachedLookups(tenant: acme, emails: ["a@x.com"], since: 0).isEmpty)
    }

    @Test func aRunRecordsItsTenantIdentityAndRefusesAnother() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        try Self.start(journal)
        let run = try journal.run("20261202-120000-aaaa")
        #expect(run.baseURL == "https://api.acme.getomneo.com/api" && run.identity == Self.identity("acme").key)
        #expect(run.tenantDisplay == "acme (https://api.acme.getomneo.com/api)")
        #expect(run.identityRefusal(Self.identity("acme"), verb: "resumed") == nil)
        var renamed = Self.identity("acme")
        renamed.name = "brand-a"
        #expect(run.identityRefusal(renamed, verb: "resumed") == nil)  // a name is not who a tenant is
        let other = try #require(run.identityRefusal(Self.identity("beta"), verb: "undone"))
        #expect(other.contains("acme (https://api.acme.getomneo.com/api)") && other.contains("beta (https://api.beta.getomneo.com/api) is another tenant"))
        var token = Self.identity("acme")
        token.fingerprint = "9999999999999999"
        #expect(run.identityRefusal(token, verb: "undone")?.contains("reached with another token") == true)
    }

    /// A journal from before identities: migrated in place; its runs are listed as before and refused by
    /// resume and undo with the reason, and its name-keyed lookups never answer for an identity.
    @Test func aJournalFromBeforeIdentitiesIsMigratedAndItsRunsRefusedWithAReason() throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: path)
        try JournalSchema.migrator.migrate(old, upTo: "v2-reads")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO run (id, kind, tenant, resumable, recipe_path, directory, recipe_hash, recipe_text, arguments, dry_run, started_at)
                VALUES ('20261101-090000-cccc', 'run', 'default', 1, '/r/tag.lua', '/r', 'x', X'', '[]', 0, 1);
                INSERT INTO lookup (run_id, tenant, email, answer, answered_at)
                VALUES ('20261101-090000-cccc', 'default', 'a@x.com', '{"matches":[{"id":"p1","statuses":["vip"]}],"total":1}', 1e12);
                INSERT INTO profile_state (tenant, profile_id, statuses, known_at) VALUES ('default', 'p1', '["vip"]', 1e12);
                """)
        }
        try old.close()
        let journal = try Journal.open(path: path)
        #expect(journal.salt.count == 32)
        let run = try journal.run("20261101-090000-cccc")
        #expect(run.baseURL == nil && run.tenantDisplay == "default")
        let refusal = try #require(run.identityRefusal(Self.identity("default"), verb: "resumed"))
        #expect(refusal.contains("journaled before omneo-run recorded which tenant a run is on") && refusal.contains("not resumed"))
        #expect(try journal.cachedLookups(tenant: Self.identity("default").key, emails: ["a@x.com"], since: 0).isEmpty)
        #expect(try journal.cachedLookups(tenant: "default", emails: ["a@x.com"], since: 0).isEmpty)
        // Opened again: the same salt (fingerprints stay comparable across runs).
        #expect(try Journal.open(path: path).salt == journal.salt)
    }

    @Test func beforeKeepsTheFirstRead() throws {
        let journal = try Journal.open(path: Self.temporaryPath())
        let id = "20261202-120000-aaaa"
        try Self.start(journal, id: id)
        try journal.before(runID: id, statuses: [("p1", ["staff"])])
        try journal.before(runID: id, statuses: [("p1", ["staff", "vip"]), ("p2", [])])
        #expect(try journal.befores(runID: id) == ["p1": BeforeStatuses(statuses: ["staff"]), "p2": BeforeStatuses(statuses: [])])
        // Only some handles known (a cached id, read through the handles' holders): the rest stay unknown.
        try journal.before(runID: id, statuses: [("p3", ["vip"])], covers: ["vip", "gold"])
        let partial = try #require(try journal.befores(runID: id)["p3"])
        #expect(partial.held("vip") == true && partial.held("gold") == false && partial.held("staff") == nil)
    }

    @Test func aDamagedFileIsRefusedAndLeftAlone() throws {
        let path = Self.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x5a, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Journal.open(path: path)
        } throws: { error in
            "\(error)".contains("is damaged") && "\(error)".contains(path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let path = Self.temporaryPath()
        _ = try Journal.open(path: path)
        let other = try Journal.open(path: path)
        try other.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')") }
        #expect {
            _ = try Journal.open(path: path)
        } throws: { error in
            "\(error)".contains("written by a newer omneo-run") && "\(error)".contains("v9-future")
        }
    }

    @Test func twoProcessesShareOneJournal() throws {
        let path = Self.temporaryPath()
        let first = try Journal.open(path: path)
        let second = try Journal.open(path: path)
        try Self.start(first, id: "run-a", tenant: "acme")
        try Self.start(second, id: "run-b", tenant: "other")
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let journal = index == 0 ? first : second
            for seq in 1...200 {
                try? journal.outcome(runID: index == 0 ? "run-a" : "run-b", seq: seq, key: "k\(seq)", profileID: nil, outcome: "added", detail: nil)
            }
        }
        #expect(try first.run("run-a").outcomes == ["added": 200])
        #expect(try first.run("run-b").outcomes == ["added": 200])
    }
}
