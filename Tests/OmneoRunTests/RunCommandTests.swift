// `omneo-run RECIPE --sandbox`: the whole run from the command line, its summary, report and exit codes.
import Foundation
import Testing

@Suite struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var recipes: String { repository.appendingPathComponent("recipes").path }

    @Test func sandboxRunPrintsJSONAndWritesTheReport() throws {
        let scratch = try Scratch()
        let report = scratch.url.appendingPathComponent("out/report.csv").path
        try FileManager.default.createDirectory(atPath: scratch.url.appendingPathComponent("out").path, withIntermediateDirectories: true)
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--sandbox", "--json", "--report", report],
            environment: ["OMNEO_CONFIG": "/nonexistent/tenants.toml"]
        )
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let outcomes = try #require(summary["outcomes"] as? [String: Int])
        #expect(outcomes["added"] == 26 && outcomes["not_found"] == 4 && outcomes["ambiguous"] == 4 && outcomes["invalid"] == 3)
        #expect(summary["tenant"] as? String == "sandbox")
        #expect(summary["report"] as? String == report)
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.first == "row,key,email,profile_id,outcome,change,detail")
        #expect(lines.count == 1 + 122)
    }

    @Test func aTenantThatIgnoresFiltersStopsTheRunBeforeAnyWrite() async throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess(arguments: ["--faults", "ignore_filters"])
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--rate", "500"], environment: sandbox.environment(state: scratch.url)
        )
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("omneo-run: tenant default (\(sandbox.url)) did not apply the filter email = '"), "\(result.stderr)")
        #expect(result.stderr.contains("the run stopped before any further write"))
        #expect(try await sandbox.writeCount() == 0)
    }

    @Test func aBatchInAStateTheClientDoesNotKnowIsWaitedOutAndNamedOnce() throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess(batchDelayMS: 0, arguments: ["--batch-states", "queued=1500/1,processing=300/1"])
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--rate", "500", "-v"], environment: sandbox.environment(state: scratch.url)
        )
        #expect(result.status == 0, "\(result.stderr)")
        let named = result.stderr.split(whereSeparator: \.isNewline).filter { $0.contains("reports state 'queued'") }
        #expect(named.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("done: 26 profiles with 'influencer', 0 failed"), "\(result.stderr)")
    }

    /// A standalone sandbox ending batches in a word no client knows (`done`) or a synonym: the run takes
    /// the end from the counts (or the synonym) and reports every profile.
    @Test(arguments: ["done", "completed,error"])
    func aBatchEndingInAnotherWordEndsTheRunRight(_ end: String) throws {
        let scratch = try Scratch()
        let sandbox = try SandboxProcess(batchDelayMS: 0, arguments: ["--batch-end", end])
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--rate", "500"], environment: sandbox.environment(state: scratch.url)
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("done: 26 profiles with 'influencer', 0 failed"), "\(result.stderr)")
    }

    @Test func verboseRunsNeverPrintTheToken() throws {
        let result = try OmneoRunBinary.run([Self.recipes + "/tag-influencers.lua", "--sandbox", "-v", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("GET /v3/statuses"), "no request lines in -v output")
        #expect(!result.stdout.contains("sandbox-token") && !result.stderr.contains("sandbox-token"))
        #expect(result.stderr.contains("dry run: influencer: would add to 26 profiles (0 already have it)"))
    }

    @Test func aRecipeUsingTheAPIWithoutATenantIsAConfigurationError() throws {
        let scratch = try Scratch()
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--arg", "status=vip", "--arg", "file=data/vip-campaign.csv"],
            environment: ["OMNEO_CONFIG": "", "XDG_CONFIG_HOME": scratch.url.path, "HOME": scratch.url.path,
                          "OMNEO_BASE_URL": "", "OMNEO_TOKEN": "", "OMNEO_TENANT": ""]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("this run has no tenant: pass --tenant NAME"))
    }

    /// `--arg file=/somewhere/else/vips.csv`, as a user passes a download: read from any working directory;
    /// the file beside it stays refused until its folder is allowed with --allow-read.
    @Test func aCSVNamedByArgIsReadFromOutsideTheCurrentFolder() throws {
        let downloads = try Scratch(), elsewhere = try Scratch()
        let vips = try downloads.write("vips.csv", "email\nwilliam.thompson0@example.com\n")
        let neighbour = try downloads.write("neighbour.csv", "email\nzoe.nguyen1@shopper.example.org\n")
        let assign = try OmneoRunBinary.run(
            [Self.recipes + "/assign-status.lua", "--sandbox", "--dry-run", "--arg", "status=vip", "--arg", "file=" + vips],
            in: elsewhere.url)
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(assign.stderr.contains("dry run: vip: would add to 1 profile (0 already have it)"), "\(assign.stderr)")

        let recipe = try elsewhere.write("peek.lua", """
            for row in omneo.csv.rows(omneo.args.file) do print("named: " .. row.email) end
            for row in omneo.csv.rows("\(neighbour)") do print("neighbour: " .. row.email) end
            """)
        let refused = try OmneoRunBinary.run([recipe, "--arg", "file=../" + downloads.url.lastPathComponent + "/vips.csv"], in: elsewhere.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("info: named: william.thompson0@example.com"), "\(refused.stderr)")
        #expect(refused.stderr.contains("peek.lua:2: '\(neighbour)' is outside what recipes may read"), "\(refused.stderr)")
        #expect(refused.stderr.contains("pass the file with --arg KEY=PATH, or allow its folder with --allow-read DIR"))

        let allowed = try OmneoRunBinary.run([recipe, "--arg", "file=" + vips, "--allow-read", downloads.url.path], in: elsewhere.url)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("info: neighbour: zoe.nguyen1@shopper.example.org"))

        let notAFolder = try OmneoRunBinary.run([recipe, "--allow-read", vips], in: elsewhere.url)
        #expect(notAFolder.status == 2)
        #expect(notAFolder.stderr.contains("is not a folder (to read one file, pass it with --arg KEY=PATH)"), "\(notAFolder.stderr)")
    }

    @Test func sandboxAndTenantTogetherAreAUsageError() throws {
        let result = try OmneoRunBinary.run([Self.recipes + "/tag-influencers.lua", "--sandbox", "--tenant", "acme"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--sandbox and --tenant cannot be used together"))
    }

    @Test func anUnknownTenantIsNamed() throws {
        let scratch = try Scratch()
        let config = try scratch.write("tenants.toml", "[tenants.acme]\nbase_url = \"https://api.acme.getomneo.com/api\"\ntoken_env = \"ACME_TOKEN\"\n")
        let result = try OmneoRunBinary.run(
            [Self.recipes + "/tag-influencers.lua", "--tenant", "acmee"],
            environment: ["OMNEO_CONFIG": config, "ACME_TOKEN": "secret-value"]
        )
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown tenant 'acmee'"))
        #expect(!result.stderr.contains("secret-value"))
    }

    @Test func purgeRunsOnlyWithAllowPurge() throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("purge.lua", """
            local p = assert(omneo.profiles.find_one{ email = "william.thompson0@example.com" })
            assert(omneo.profiles.purge(p.id))
            """)
        let refused = try OmneoRunBinary.run([recipe, "--sandbox"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("purge.lua:2: omneo.profiles.purge erases a profile for good: run with --allow-purge to allow it (nothing was sent)"), "\(refused.stderr)")
        let allowed = try OmneoRunBinary.run([recipe, "--sandbox", "--allow-purge", "--dry-run"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("dry run: profiles: would purge (erase) 1: 99dd251d-e512-4482-b929-2d22e255accb"), "\(allowed.stderr)")
    }
}
