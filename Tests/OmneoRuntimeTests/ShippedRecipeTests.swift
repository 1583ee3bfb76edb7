// End to end over real HTTP: each shipped recipe leaves the sandbox tenant exactly as it should.
import Foundation
@testable import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct ShippedRecipeTests {
    /// The CSV's (email, followers) rows, read plainly: the test's own account of what should happen.
    static func creators() throws -> [(email: String, followers: Int?)] {
        let text = try String(contentsOfFile: TenantFixture.recipes + "/data/creators.csv", encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(fields[0]), Int(fields[1]))
        }
    }

    static func emails(_ file: String) throws -> [String] {
        let text = try String(contentsOfFile: TenantFixture.recipes + "/data/" + file, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
    }

    /// The profiles an email list should reach: those whose address matches exactly one profile.
    static func uniqueMatches(_ emails: [String], in server: SandboxServer) async -> Set<String> {
        var ids = Set<String>()
        for email in emails {
            let matches = await server.store.profileIDs(email: email.trimmingCharacters(in: .whitespaces))
            if matches.count == 1 { ids.insert(matches[0]) }
        }
        return ids
    }

    @Test func tagInfluencersAddsOnlyInfluencerToExactlyTheRightProfiles() async throws {
        let tenant = try await TenantFixture()
        let before = try await tenant.snapshot()
        let run = try await tenant.run("tag-influencers.lua")
        #expect(run.outcome == .finished, "\(run.outcome) \(run.log)")
        let wanted = await Self.uniqueMatches(try Self.creators().filter { ($0.followers ?? 0) >= 10000 }.map(\.email), in: tenant.server)
        let expected = wanted.filter { !(before[$0] ?? []).contains("influencer") }
        let diff = changes(before, try await tenant.snapshot())
        #expect(Set(diff.keys) == expected)
        #expect(diff.values.allSatisfy { $0.added == ["influencer"] && $0.removed.isEmpty })
        #expect(run.counts["added"] == expected.count)
        #expect((run.counts["already_present"] ?? 0) == wanted.count - expected.count)
        await tenant.close()
    }

    @Test func missingAmbiguousAndInvalidAreReportedNotGuessed() async throws {
        let tenant = try await TenantFixture()
        let before = try await tenant.snapshot()
        let run = try await tenant.run("tag-influencers.lua")
        #expect(run.counts["not_found"] == 4)
        #expect(run.counts["ambiguous"] == 4)
        #expect(run.counts["invalid"] == 3)
        let ambiguous = run.reportRows.filter { $0[4] == "ambiguous" }
        #expect(ambiguous.allSatisfy { $0[3].isEmpty && $0[6].contains("profiles share this email") })
        for row in ambiguous {
            for id in await tenant.server.store.profileIDs(email: row[1]) {
                #expect(await tenant.server.store.statuses(ofProfile: id) == before[id], "an ambiguous profile was touched")
            }
        }
        #expect(run.reportRows.count == run.result.summary.rows)
        await tenant.close()
    }

    /// The client tests' faults plus resets before and after the tenant did the work: no row ends failed,
    /// and the tenant ends as a clean run leaves it (lost batch answers are re-sent, lookups retried).
    @Test func underFaultsNoRowFailsThatTheToolCouldHaveRetried() async throws {
        let clean = try await TenantFixture()
        let cleanRun = try await clean.run("tag-influencers.lua")
        let expected = try await clean.snapshot()
        await clean.close()
        let tenant = try await TenantFixture(faults: "429=5%,500=5%,reset=5%,lost=5%")
        let run = try await tenant.run("tag-influencers.lua")
        #expect(run.outcome == .finished)
        #expect(run.counts["failed"] == nil, "\(run.reportRows.filter { $0[4] == "failed" }.prefix(3))")
        #expect(run.counts == cleanRun.counts)
        #expect(changes(expected, try await tenant.snapshot()).isEmpty)
        let faults = tenant.server.requestLog.entries().compactMap(\.fault)
        #expect(faults.contains("lost"), "\(Set(faults))")
        await tenant.close()
    }

    /// The import under the client tests' faults plus resets and lost answers: no row fails that the tool
    /// could have retried, a create whose answer was lost is read back (not made twice), and every email
    /// ends as one profile with the clean import's fields.
    @Test func importUnderFaultsEndsLikeACleanImport() async throws {
        let emails = try Self.emails("customers.csv")
        func fields(_ tenant: TenantFixture) async -> [String: [String: String]] {
            var result: [String: [String: String]] = [:]
            for email in emails {
                let ids = await tenant.server.store.profileIDs(email: email)
                let inspection = ids.count == 1 ? await tenant.server.store.inspect(profileID: ids[0]) : .absent
                guard case .live(let profile) = inspection else {
                    result[email] = ["profiles": "\(ids.count)"]
                    continue
                }
                let names = ["first_name", "last_name", "mobile_phone", "gender", "birth_day", "birth_month", "birth_year"]
                result[email] = Dictionary(uniqueKeysWithValues: names.map { ($0, profile[$0].map { "\($0)" } ?? "-") })
            }
            return result
        }
        let clean = try await TenantFixture()
        let cleanRun = try await clean.run("import-profiles.lua")
        let expected = await fields(clean)
        await clean.close()
        let tenant = try await TenantFixture(faults: "429=10%,500=10%,reset=10%,lost=10%")
        let run = try await tenant.run("import-profiles.lua")
        #expect(run.outcome == .finished, "\(run.outcome)")
        #expect(run.counts["failed"] == nil, "\(run.reportRows.filter { $0[4] == "failed" }.prefix(3))")
        #expect(run.counts == cleanRun.counts)
        #expect(await fields(tenant) == expected)
        let faults = tenant.server.requestLog.entries().compactMap(\.fault)
        #expect(!faults.isEmpty, "no fault was drawn: the test proves nothing")
        await tenant.close()
    }

    /// The second run sends the same additive batches again (that is what repairs a status removed in
    /// between) and changes nothing.
    @Test func runningTwiceChangesNothingTheSecondTime() async throws {
        let tenant = try await TenantFixture()
        _ = try await tenant.run("tag-influencers.lua")
        let middle = try await tenant.snapshot()
        let writes = tenant.writes
        let second = try await tenant.run("tag-influencers.lua")
        #expect(second.outcome == .finished)
        #expect(writes > 0 && tenant.writes == 2 * writes, "the second run sent \(tenant.writes - writes) batches, the first \(writes)")
        #expect(changes(middle, try await tenant.snapshot()).isEmpty)
        #expect(second.counts["added"] == nil)
        #expect((second.counts["already_present"] ?? 0) > 0)
        await tenant.close()
    }

    @Test func assignThenRemoveStatusTouchesOnlyThatHandle() async throws {
        let tenant = try await TenantFixture()
        let before = try await tenant.snapshot()
        let arguments = [("status", "partner"), ("file", "data/vip-campaign.csv")]
        let added = try await tenant.run("assign-status.lua", arguments: arguments)
        #expect(added.outcome == .finished, "\(added.outcome)")
        let reached = await Self.uniqueMatches(try Self.emails("vip-campaign.csv"), in: tenant.server)
        let afterAdd = try await tenant.snapshot()
        let diff = changes(before, afterAdd)
        #expect(Set(diff.keys) == reached.filter { !(before[$0] ?? []).contains("partner") })
        #expect(diff.values.allSatisfy { $0.added == ["partner"] && $0.removed.isEmpty })

        let removed = try await tenant.run("remove-status.lua", arguments: arguments)
        #expect(removed.outcome == .finished)
        let back = changes(afterAdd, try await tenant.snapshot())
        #expect(Set(back.keys) == reached)
        #expect(back.values.allSatisfy { $0.removed == ["partner"] && $0.added.isEmpty })
        #expect(removed.counts["removed"] == reached.count)
        await tenant.close()
    }

    @Test func demoteVipsWithoutSpendRemovesVipOnlyFromThem() async throws {
        let tenant = try await TenantFixture()
        let before = try await tenant.snapshot()
        let run = try await tenant.run("demote-vips-without-spend.lua")
        #expect(run.outcome == .finished, "\(run.outcome)")
        let withoutSpend = Set(tenant.server.configuration.seed.profiles.filter { profile in
            (profile["statuses"]?.arrayValue ?? []).contains("vip")
                && !(profile["custom_attributes"]?.arrayValue ?? []).contains { $0["handle"] == "lifetime_spend" }
        }.compactMap { $0["id"]?.stringValue })
        let diff = changes(before, try await tenant.snapshot())
        #expect(!withoutSpend.isEmpty)
        #expect(Set(diff.keys) == withoutSpend)
        #expect(diff.values.allSatisfy { $0.removed == ["vip"] && $0.added.isEmpty })
        await tenant.close()
    }

    /// A live tenant keys custom_attributes by namespace; the documented shape is a list. The recipe reads
    /// both through omneo.profiles.attribute, so the tenant ends the same either way.
    @Test func demoteVipsGivesTheSameEndStateOnBothAttributeShapes() async throws {
        var ends: [AttributeShape: [String: [String]]] = [:]
        var before: [String: [String]] = [:]
        var expected: Set<String> = []
        for shape in AttributeShape.allCases {
            let tenant = try await TenantFixture(attributes: shape)
            before = try await tenant.snapshot()
            let seed = tenant.server.configuration.seed.profiles
            let sample = try #require(seed.first { $0["custom_attributes"]?.arrayValue?.isEmpty == false }?["id"]?.stringValue)
            guard case .live(let served) = await tenant.server.store.inspect(profileID: sample) else {
                Issue.record("profile \(sample) is not live")
                return
            }
            #expect((shape == .object) == (served["custom_attributes"]?.objectValue != nil), "the sandbox serves \(shape)")
            let run = try await tenant.run("demote-vips-without-spend.lua", arguments: [("min_spend", "100")])
            #expect(run.outcome == .finished, "\(shape): \(run.outcome)")
            ends[shape] = try await tenant.snapshot()
            expected = Set(seed.filter { profile in
                let spend = (profile["custom_attributes"]?.arrayValue ?? []).first { $0["handle"] == "lifetime_spend" }?["value"]?.stringValue
                return (profile["statuses"]?.arrayValue ?? []).contains("vip") && (spend.flatMap(Double.init) ?? 0) < 100
            }.compactMap { $0["id"]?.stringValue })
            await tenant.close()
        }
        let object = try #require(ends[.object]), array = try #require(ends[.array])
        #expect(object == array)
        #expect(!expected.isEmpty && Set(changes(before, object).keys) == expected)
    }

    @Test func aTypoedHandleSendsNoWriteAtAll() async throws {
        let tenant = try await TenantFixture()
        let run = try await tenant.run("assign-status.lua", arguments: [("status", "vpi"), ("file", "data/vip-campaign.csv")])
        guard case .failed(let message, _) = run.outcome else {
            Issue.record("expected a raised error, got \(run.outcome)")
            return
        }
        #expect(message.hasSuffix("recipes/assign-status.lua:9: unknown status 'vpi' (did you mean 'vip'?) (given as --arg status=vpi)"))
        // The handle is checked alongside the first lookups (one round trip, not two), never after a write;
        // that the lookups stop early is EarlyMistakeCommandTests.anUnknownHandleInARealRunStopsTheLookupsAndWritesNothing.
        #expect(tenant.writes == 0)
        await tenant.close()
    }

    @Test func dryRunSendsNoWriteAndSaysWhatWouldChange() async throws {
        let tenant = try await TenantFixture()
        let before = try await tenant.snapshot()
        let run = try await tenant.run("tag-influencers.lua", dryRun: true)
        #expect(run.outcome == .finished)
        #expect(tenant.writes == 0)
        #expect(changes(before, try await tenant.snapshot()).isEmpty)
        let wouldAdd = try #require(run.counts["would_add"])
        #expect(wouldAdd > 0)
        #expect(run.result.summary.plan == [
            "influencer: would add to \(wouldAdd) profiles (0 already have it)",
            "emails: 0 answered from the lookup cache (ids only), 34 asked of the tenant",
        ])
        #expect(run.reportRows.contains { $0[4] == "would_add" && !$0[3].isEmpty })
        await tenant.close()
    }
}
