// Recipes' profile searches: several values to a filter, and a tenant that ignores filters stopped before it can do harm.
import OmneoModel
import OmneoRuntime
import OmneoSandbox
import Testing

@Suite struct FilterCheckTests {
    /// p1 is not gold, so a tenant that ignores the filter puts a non-matching profile first on page 1.
    static let seed: TenantSeed = {
        let statuses = ["gold", "platinum", "vip"].enumerated().map { StatusDefinition(id: $0 + 1, handle: $1, name: $1.capitalized) }
        let profiles: [[String: JSONValue]] = (1...30).map { n in
            [
                "id": .string("p\(n)"), "email": .string("person\(n)@example.com"), "statuses": n % 3 == 0 ? ["gold"] : [],
                "tags": n % 5 == 0 ? ["mobile-app"] : n % 7 == 0 ? ["newsletter"] : [],
            ]
        }
        return TenantSeed(statuses: statuses, profiles: profiles)
    }()

    static let giveGoldPlatinum = """
        omneo.statuses.require("platinum")
        for p in omneo.profiles.each{ ["statuses.handle"] = "gold" } do
          omneo.profile_statuses.add({ p.id }, { "platinum" }):wait()
        end
        """

    @Test func eachOnATenantThatIgnoresFiltersStopsBeforeItsFirstWrite() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, faults: "ignore_filters")
        let run = try await tenant.run("recipe.lua", source: Self.giveGoldPlatinum)
        #expect(run.outcome == .refused(message: "tenant sandbox (\(tenant.server.baseURL)) did not apply the filter statuses.handle = 'gold': "
            + "GET /v3/profiles?filter[statuses.handle]=gold&page[number]=1&page[size]=100 returned profile p1 (person1@example.com), "
            + "which does not match; the run stopped before any further write"))
        #expect(tenant.server.requestLog.writeCount == 0)
        #expect(try await tenant.snapshot().values.allSatisfy { !$0.contains("platinum") })
        await tenant.close()
    }

    @Test func theSameRecipeOnAnHonestTenantTouchesOnlyTheMatches() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let before = try await tenant.snapshot()
        let run = try await tenant.run("recipe.lua", source: Self.giveGoldPlatinum)
        #expect(run.outcome == .finished, "\(run.outcome)")
        let changed = changes(before, try await tenant.snapshot())
        #expect(Set(changed.keys) == Set((1...10).map { "p\($0 * 3)" }))
        await tenant.close()
    }

    @Test func resolveAndFindOnATenantThatIgnoresFiltersStopTheRun() async throws {
        let tenant = try await TenantFixture(seed: Self.seed, faults: "ignore_filters")
        let resolve = try await tenant.run("resolve.lua", source: #"omneo.profiles.resolve{ "person9@example.com" }"#)
        guard case .refused(let message) = resolve.outcome else {
            Issue.record("expected the run to stop, got \(resolve.outcome)")
            return
        }
        #expect(message.contains("did not apply the filter email = 'person9@example.com'") && message.contains("profile p1 (person1@example.com)"))
        let find = try await tenant.run("find.lua", source: """
            local p, err = omneo.profiles.find_one{ email = "person9@example.com" }
            error("not reached: " .. tostring(err))
            """)
        guard case .refused = find.outcome else {
            Issue.record("find_one must not hand the recipe an answer it can ignore, got \(find.outcome)")
            return
        }
        #expect(tenant.server.requestLog.writeCount == 0)
        await tenant.close()
    }

    /// Several values match any: each is its own search (the tenant, on PHP, keeps only the last of a
    /// repeated key, as the sandbox does by default), and a profile two searches find comes once.
    @Test func severalValuesOfAFilterMatchAnyOneSearchEach() async throws {
        let tenant = try await TenantFixture(seed: Self.seed)
        let run = try await tenant.run("recipe.lua", source: """
            local ids = {}
            for p in omneo.profiles.each{ ["tags.handle"] = { "mobile-app", "newsletter" } } do ids[#ids + 1] = p.id end
            table.sort(ids, function(a, b) return tonumber(a:sub(2)) < tonumber(b:sub(2)) end)
            assert(table.concat(ids, ",") == "p5,p7,p10,p14,p15,p20,p21,p25,p28,p30", table.concat(ids, ","))
            assert(#omneo.profiles.find{ ["tags.handle"] = { "mobile-app" }, ["statuses.handle"] = "gold" } == 2)
            local both = omneo.profiles.find{ ["tags.handle"] = { "mobile-app", "newsletter" }, ["statuses.handle"] = { "gold", "vip" } }
            local seen = {}
            for _, p in ipairs(both) do assert(not seen[p.id], "twice: " .. p.id) seen[p.id] = true end
            local one, why = omneo.profiles.find_one{ ["tags.handle"] = { "mobile-app", "newsletter" } }
            assert(one == nil and why == "ambiguous", why)
            local ok, err = pcall(omneo.profiles.find, { ["tags.handle"] = {} })
            assert(not ok and err:find("non%-empty list of strings"), err)
            """)
        #expect(run.outcome == .finished, "\(run.outcome)")
        let targets = tenant.server.requestLog.entries().map(\.target).filter { $0.contains("tags.handle") }
        #expect(!targets.contains { $0.components(separatedBy: "tags.handle").count > 2 }, "a key was repeated: \(targets)")
        #expect(targets.contains { $0.contains("filter%5Btags.handle%5D=newsletter") }, "\(targets)")
        await tenant.close()
    }
}
