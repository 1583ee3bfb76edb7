// What a real tenant can do that our own sandbox never did on its own, through the real binary: two
// tenants under one name, statuses changed behind a run's back between runs, resume and undo pointed at
// another tenant, and the modes of the files that hold customer data.
import Foundation
import Testing

@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["OMNEO_JOURNAL_TESTS"] == "1", "set OMNEO_JOURNAL_TESTS=1 (make test does)"))
struct TenantSafetyCommandTests {
    static let recipes = JournalCommandTests.recipe

    /// `count` demo profiles with one email each and without `vip`: (id, email).
    static func withoutVIP(_ count: Int) throws -> [(id: String, email: String)] {
        let fixture = recipes.appendingPathComponent("../Sources/OmneoSandbox/Fixtures/demo-tenant.json").standardized
        let profiles = (try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any])["profiles"] as! [[String: Any]]
        var seen: [String: Int] = [:]
        for profile in profiles { seen[(profile["email"] as? String ?? "").lowercased(), default: 0] += 1 }
        return profiles.filter { seen[($0["email"] as? String ?? "").lowercased()] == 1 && !(($0["statuses"] as? [String]) ?? []).contains("vip") }
            .prefix(count).map { ($0["id"] as! String, $0["email"] as! String) }
    }

    static func assign(_ file: String, _ status: String = "vip", recipe: String = "assign-status.lua") -> [String] {
        [recipes.appendingPathComponent(recipe).path, "--arg", "status=\(status)", "--arg", "file=\(file)", "--rate", "500", "-q"]
    }

    static func csv(_ people: [(id: String, email: String)], in scratch: Scratch, name: String = "people.csv") throws -> String {
        try scratch.write(name, "email\n" + people.map(\.email).joined(separator: "\n") + "\n")
        return name
    }

    @Test func twoTenantsUnderOneNameShareNothingTheSecondGetsEveryWrite() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(60)
        let file = try Self.csv(people, in: scratch)
        let first = try SandboxProcess(), second = try SandboxProcess()
        let state = scratch.url.appendingPathComponent("state")
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: first.environment(state: state)).status == 0)
        let start = try await second.requestCount()
        // Same name ('default', from OMNEO_BASE_URL + OMNEO_TOKEN), another base URL: another tenant.
        // Lookups, so the request count shows every email was asked again (a scan would also do).
        let run = try OmneoRunBinary.run(Self.assign(file) + ["--resolve", "lookups"], in: scratch.url, environment: second.environment(state: state))
        #expect(run.status == 0, "\(run.stderr)")
        let now = try await second.statuses()
        let missed = people.filter { !(now[$0.id] ?? []).contains("vip") }
        #expect(missed.isEmpty, "\(missed.count) profiles on the second tenant were left without vip")
        #expect(try await second.requestCount() - start > people.count, "the second tenant's emails were not looked up")
        let runID = try #require(try JournalCommandTests.latestRun(second.environment(state: state)))
        let show = try OmneoRunBinary.run(["show", runID], environment: second.environment(state: state))
        #expect(show.stdout.contains("rows: added 60"), "\(show.stdout)")
        #expect(show.stdout.contains("tenant: default (\(second.url))"), "\(show.stdout)")
        let runs = try OmneoRunBinary.run(["runs"], environment: second.environment(state: state))
        #expect(runs.stdout.contains("default (\(first.url))") && runs.stdout.contains("default (\(second.url))"), "\(runs.stdout)")
    }

    /// Issue 15's worst case: the same emails on two tenants under one name, whose ids differ (here each
    /// person's id on B is the next person's id on A). A dry run on A, then a real run on B: every write
    /// goes to B's own profile for the email, and nobody else on B gains the status.
    @Test func aDryRunOnOneTenantThenARunOnAnotherWithOtherIdsWritesToTheRightPeople() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(30)
        let file = try Self.csv(people, in: scratch)
        let fixture = Self.recipes.appendingPathComponent("../Sources/OmneoSandbox/Fixtures/demo-tenant.json").standardized
        var seed = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any]
        let rotated = Dictionary(uniqueKeysWithValues: people.indices.map { (people[$0].id, people[($0 + 1) % people.count].id) })
        seed["profiles"] = (seed["profiles"] as! [[String: Any]]).map { profile in
            var profile = profile
            if let id = profile["id"] as? String, let other = rotated[id] { profile["id"] = other }
            return profile
        }
        let seedFile = scratch.url.appendingPathComponent("tenant-b.json")
        try JSONSerialization.data(withJSONObject: seed).write(to: seedFile)
        let first = try SandboxProcess(), second = try SandboxProcess(arguments: ["--seed", seedFile.path])
        let state = scratch.url.appendingPathComponent("state")
        let dry = try OmneoRunBinary.run(Self.assign(file) + ["--dry-run"], in: scratch.url, environment: first.environment(state: state))
        #expect(dry.status == 0, "\(dry.stderr)")
        let before = try await second.statuses()
        let run = try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: second.environment(state: state))
        #expect(run.status == 0, "\(run.stderr)")
        let after = try await second.statuses()
        // On B, person i's profile is A's id of person i + 1.
        let ownIDs = Set(people.indices.map { people[($0 + 1) % people.count].id })
        let gained = Set(after.keys.filter { (after[$0] ?? []).contains("vip") && !(before[$0] ?? []).contains("vip") })
        #expect(gained == ownIDs, "\(gained.symmetricDifference(ownIDs).count) profiles on B gained vip wrongly or missed it")
        #expect(try await first.writeCount() == 0)
    }

    /// A dry run after a real run says how many emails the lookup cache answered (ids only), and that a
    /// real run would still send its batch to each of them.
    @Test func aDryRunAfterARunSaysHowManyAnswersCameFromTheCache() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(40)
        let file = try Self.csv(people, in: scratch)
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment).status == 0)
        let dry = try OmneoRunBinary.run(Self.assign(file).filter { $0 != "-q" } + ["--dry-run"], in: scratch.url, environment: environment)
        #expect(dry.status == 0, "\(dry.stderr)")
        let output = dry.stdout + dry.stderr
        #expect(output.contains("emails: 40 answered from the lookup cache (ids only), 0 asked of the tenant "
            + "(a real run sends its batch to every one; --cache-ttl 0 asks again)"), "\(output)")
    }

    @Test func aStatusRemovedBehindTheRunsBackIsBackAfterTheReRun() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(40)
        let file = try Self.csv(people, in: scratch)
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment).status == 0)
        let first = try await sandbox.requestCount()
        let removed = people.prefix(10).map(\.id)
        try await sandbox.change(removed, handle: "vip", attach: false)
        let before = try await sandbox.requestCount()
        let again = try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        let now = try await sandbox.statuses()
        #expect(removed.allSatisfy { (now[$0] ?? []).contains("vip") }, "a removed status was not put back")
        // Still cheap: the lookups came from the cache; the status list, one page of vip's holders (for
        // undo), the one batch and its polls went out. (The 5% figure is JournalCommandTests' job.)
        let second = try await sandbox.requestCount() - before
        #expect(second <= 10 && second * 4 < first, "first run \(first) requests, second \(second)")
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let show = try OmneoRunBinary.run(["show", runID], environment: environment)
        #expect(show.stdout.contains("rows: ensured 40"), "\(show.stdout)")
    }

    /// The cache once carried statuses: a run that believed a profile lacked `vip` recorded that as its
    /// before-state, and its undo removed a `vip` somebody else had added. Now a run with cached ids reads
    /// who holds `vip` (one page) before it writes, and its undo takes back exactly what it added.
    @Test func undoLeavesAStatusAddedBehindItsBackInPlace() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(20)
        let sandbox = try SandboxProcess()
        let environment = sandbox.environment(state: scratch.url.appendingPathComponent("state"))
        let file = try Self.csv(people, in: scratch)
        // Give them vip, then take it back: the cache now knows these emails.
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment).status == 0)
        #expect(try OmneoRunBinary.run(Self.assign(file, recipe: "remove-status.lua"), in: scratch.url, environment: environment).status == 0)
        // Somebody adds vip to five of them; then our re-run adds vip (its lookups from the cache).
        let theirs = people.prefix(5).map(\.id)
        try await sandbox.change(theirs, handle: "vip", attach: true)
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment).status == 0)
        let rerun = try #require(try JournalCommandTests.latestRun(environment))
        let undo = try OmneoRunBinary.run(["undo", rerun, "--rate", "500"], environment: environment)
        #expect(undo.status == 0, "\(undo.stderr)")
        let now = try await sandbox.statuses()
        #expect(theirs.allSatisfy { (now[$0] ?? []).contains("vip") }, "undo removed a status somebody else added: \(undo.stderr)")
        #expect(people.dropFirst(5).allSatisfy { !(now[$0.id] ?? []).contains("vip") }, "undo left what the re-run added")
        #expect(undo.stderr.contains("removed 'vip' on 15 profiles"), "\(undo.stderr)")
    }

    @Test func resumeAndUndoOnAnotherTenantAreRefusedNamingBoth() async throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("fails.lua", "omneo.statuses.list()\nerror('stop here')\n")
        let people = try Self.withoutVIP(5)
        let file = try Self.csv(people, in: scratch)
        let first = try SandboxProcess(), second = try SandboxProcess()
        let state = scratch.url.appendingPathComponent("state")
        var here = first.environment(state: state)
        let there = second.environment(state: state)
        #expect(try OmneoRunBinary.run([recipe, "-q"], in: scratch.url, environment: here).status == 1)
        let failed = try #require(try JournalCommandTests.latestRun(here))
        let resume = try OmneoRunBinary.run(["resume", failed], environment: there)
        #expect(resume.status == 2, "\(resume.stderr)")
        #expect(resume.stderr.contains("was made on tenant default (\(first.url)), but default (\(second.url)) is another tenant"), "\(resume.stderr)")

        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: here).status == 0)
        let tagged = try #require(try JournalCommandTests.latestRun(here))
        let undo = try OmneoRunBinary.run(["undo", tagged], environment: there)
        #expect(undo.status == 2 && undo.stderr.contains("it is not undone there"), "\(undo.stderr)")
        // Same base URL, another token: another identity too.
        here["OMNEO_TOKEN"] = "sandbox-readonly"
        let token = try OmneoRunBinary.run(["undo", tagged], environment: here)
        #expect(token.status == 2 && token.stderr.contains("is reached with another token"), "\(token.stderr)")
        let untouched = try await second.statuses()
        #expect(people.allSatisfy { !(untouched[$0.id] ?? []).contains("vip") })
    }

    @Test func theJournalAndTheReportsAreReadableByTheirOwnerOnly() async throws {
        let scratch = try Scratch()
        let people = try Self.withoutVIP(3)
        let file = try Self.csv(people, in: scratch)
        let sandbox = try SandboxProcess()
        let stateRoot = scratch.url.appendingPathComponent("state")
        let environment = sandbox.environment(state: stateRoot)
        let chosen = scratch.url.appendingPathComponent("out/report.csv").path
        try FileManager.default.createDirectory(atPath: (chosen as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let old = umask(0o022)
        defer { umask(old) }
        #expect(try OmneoRunBinary.run(Self.assign(file), in: scratch.url, environment: environment).status == 0)
        #expect(try OmneoRunBinary.run(Self.assign(file) + ["--report", chosen], in: scratch.url, environment: environment).status == 0)
        let runID = try #require(try JournalCommandTests.latestRun(environment))
        let state = stateRoot.appendingPathComponent("omneo").path
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(state) == 0o700)
        for file in ["journal.sqlite", "journal.sqlite-wal", "journal.sqlite-shm"] where FileManager.default.fileExists(atPath: state + "/" + file) {
            #expect(try mode(state + "/" + file) == 0o600, "\(file)")
        }
        // (SQLite removes -wal and -shm when the last connection closes; while they exist they take the
        // database file's mode, which is why the file is made 0600 before SQLite first opens it.)
        #expect(try mode(state + "/reports") == 0o700)
        let reports = try FileManager.default.contentsOfDirectory(atPath: state + "/reports")
        #expect(!reports.isEmpty)
        for report in reports { #expect(try mode(state + "/reports/" + report) == 0o600, "\(report)") }
        #expect(try mode(chosen) == 0o600)
        #expect(reports.contains("default-" + runID + ".csv") || FileManager.default.fileExists(atPath: chosen))
    }
}
