// The calls against a sandbox tenant over real HTTP: reads, status batches, profile writes.
import OmneoModel
import OmneoClient
import OmneoSandbox
import Testing

@Suite struct ClientCallTests {
    @Test func readsStatusesAndProfiles() async throws {
        try await Sandbox.with(Sandbox.configuration()) { _, client in
            let check = try await client.verifyToken()
            #expect(check.scopes?.contains("update-profiles") == true)
            #expect(try await client.statuses().map(\.handle) == ["vip", "staff", "media"])
            #expect(try await client.statuses(handle: "media").map(\.name) == ["Media"])
            let profile = try #require(try await client.profile(id: "p2"))
            #expect(profile.email == "user2@example.com")
            #expect(profile.statuses == ["staff"])
            #expect(profile["first_name"] == "Test")
            #expect(try await client.profile(id: "nobody") == nil)
        }
    }

    @Test func emailFiltersAreEncodedSoPlusSurvives() async throws {
        var configuration = Sandbox.configuration()
        configuration.seed.profiles.append(["id": "plus", "email": "jane+vip@example.com", "statuses": []])
        try await Sandbox.with(configuration) { server, client in
            let page = try await client.profilePage(filters: ["email": "jane+vip@example.com"], page: 1, size: 10)
            #expect(page.profiles.map(\.id) == ["plus"])
            let target = try #require(server.requestLog.entries().last?.target)
            #expect(target.contains("filter%5Bemail%5D=jane%2Bvip%40example.com"))
            let none = try await client.profilePage(filters: ["email": "jane vip@example.com"], page: 1, size: 10)
            #expect(none.profiles.isEmpty)
        }
    }

    @Test func pagesAreFetchedOnlyAsTheLoopAsks() async throws {
        try await Sandbox.with(Sandbox.configuration(profiles: 45)) { server, client in
            let before = server.requestLog.total
            let pages = client.profiles(filters: ["statuses.handle": "staff"], pageSize: 10)
            #expect(server.requestLog.total == before)
            var iterator = pages.makeAsyncIterator()
            let first = try #require(try await iterator.next())
            #expect(first.profiles.count == 10 && first.total == 45 && first.hasNextPage)
            #expect(server.requestLog.total == before + 1)
            var seen = first.profiles.map(\.id)
            while let page = try await iterator.next() { seen += page.profiles.map(\.id) }
            #expect(Set(seen).count == 45)
            #expect(server.requestLog.total == before + 5)
            let target = try #require(server.requestLog.entries().last?.target)
            #expect(target.contains("filter%5Bstatuses.handle%5D=staff"))
        }
    }

    @Test func statusBatchesAttachDetachAndReport() async throws {
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            let receipt = try await client.attachStatuses([
                StatusAssignment(profileID: "p1", statuses: ["vip"]),
                StatusAssignment(profileID: "missing", statuses: ["vip"]),
            ])
            let progress = try await waitForBatch(client, receipt.batchID)
            #expect(progress.totalCount == 2 && progress.successCount == 1 && progress.failedCount == 1)
            #expect(progress.items.contains { $0.failed && $0.error != nil })
            #expect(await server.store.statuses(ofProfile: "p1") == ["staff", "vip"])
            let removal = try await client.detachStatuses([StatusAssignment(profileID: "p1", statuses: ["staff"])])
            _ = try await waitForBatch(client, removal.batchID)
            #expect(await server.store.statuses(ofProfile: "p1") == ["vip"])
        }
    }

    @Test func batchSizesAreCheckedBeforeSending() async throws {
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            let tooMany = (0..<501).map { StatusAssignment(profileID: "p\($0)", statuses: ["vip"]) }
            let before = server.requestLog.total
            await #expect(throws: OmneoClientError.self) { try await client.attachStatuses([]) }
            let error = await #expect(throws: OmneoClientError.self) { try await client.detachStatuses(tooMany) }
            #expect(error?.description == "detachStatuses: 501 entries; a batch takes at most 500, send it in chunks")
            await #expect(throws: OmneoClientError.self) {
                try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: [])])
            }
            await #expect(throws: OmneoClientError.self) { try await client.upsertProfiles([], matchCriteria: "email") }
            #expect(server.requestLog.total == before)
        }
    }

    @Test func profileWritesNeverCarryStatusesByAccident() async throws {
        #expect(throws: OmneoClientError.self) { try ProfileFields(["first_name": "A", "statuses": ["vip"]]) }
        #expect(throws: OmneoClientError.self) { try ProfileFields(["tags": ["x"]]) }
        try await Sandbox.with(Sandbox.configuration()) { server, client in
            let created = try await client.createProfile(try ProfileFields(["email": "new@example.com", "first_name": "New"]))
            #expect(created.email == "new@example.com" && created.statuses.isEmpty)
            let updated = try await client.updateProfile(id: "p1", try ProfileFields(["last_name": "Changed"]))
            #expect(updated["last_name"] == "Changed" && updated.statuses == ["staff"])
            let replacing = try ProfileFields(replacingStatusesAndTags: ["statuses": ["vip"]])
            #expect(replacing.replacesStatusesOrTags)
            await #expect(throws: OmneoClientError.self) { try await client.updateProfile(id: "p1", replacing) }
            let receipt = try await client.upsertProfiles(
                [try ProfileFields(["email": "user2@example.com", "first_name": "Upserted"])], matchCriteria: "email"
            )
            _ = try await waitForBatch(client, receipt.batchID)
            #expect(await server.store.statuses(ofProfile: "p2") == ["staff"])
            #expect(try await client.profile(id: "p2")?["first_name"] == "Upserted")
            try await client.deleteProfile(id: "p3")
            #expect(try await client.profile(id: "p3") == nil)
            try await client.purgeProfile(id: "p4")
        }
    }

    @Test func waitsForABatchOrSaysItIsStillPending() async throws {
        try await Sandbox.with(Sandbox.configuration()) { _, client in
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["media"])])
            let done = try await client.waitForBatch(id: receipt.batchID, timeout: 10, firstPoll: 0.01)
            #expect(done.isDone && done.successCount == 1)
        }
        var slow = Sandbox.configuration()
        slow.batchDelay = .seconds(5)
        try await Sandbox.with(slow) { _, client in
            let receipt = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["media"])])
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.waitForBatch(id: receipt.batchID, timeout: 0.2, firstPoll: 0.05)
            }
            #expect(error?.code == "timeout")
            // The seconds it says are the time it waited, more than 0.2 on a loaded machine.
            #expect(error?.description.hasPrefix("batch \(receipt.batchID) still pending after ") == true, "\(String(describing: error))")
            #expect(error?.description.hasSuffix("(0 of 1 processed)") == true)
        }
    }

    @Test func findsAProfileByAnExternalIdentity() async throws {
        var configuration = Sandbox.configuration()
        configuration.seed.profiles.append(
            ["id": "shop", "email": "s@example.com", "identities": [["handle": "shopify", "identifier": "S-1", "is_active": true]]]
        )
        try await Sandbox.with(configuration) { _, client in
            let found = try await client.profile(id: "S-1", identity: "shopify")
            #expect(found?.id == "shop")
            let missing = try await client.profile(id: "S-2", identity: "shopify")
            #expect(missing == nil)
        }
    }

    @Test func theRateComesFromTheOptionsElseTheTenantElseFive() async throws {
        let tenant = TenantConfiguration(name: "t", baseURL: "http://127.0.0.1:9/api", token: Secret("x"), rate: 7)
        let fromTenant = OmneoClient(tenant: tenant, options: ClientOptions(), logger: .init(label: "test"))
        let fromOptions = OmneoClient(tenant: tenant, options: ClientOptions(rate: 2), logger: .init(label: "test"))
        var bare = tenant
        bare.rate = nil
        let byDefault = OmneoClient(tenant: bare, options: ClientOptions(), logger: .init(label: "test"))
        #expect(fromTenant.options.rate == 7 && fromOptions.options.rate == 2 && byDefault.options.rate == 5)
        for client in [fromTenant, fromOptions, byDefault] { await client.shutdown() }
    }

    @Test func aClientDroppedWithoutShutdownLetsGo() async throws {
        let server = try await SandboxServer.start(Sandbox.configuration())
        do {
            let client = OmneoClient(tenant: Sandbox.tenant(server), options: Sandbox.options(), logger: .init(label: "test"))
            _ = try await client.verifyToken()
        }
        // AsyncHTTPClient stops a debug build when a client is dropped unclosed; reaching here means it was closed.
        try await Task.sleep(for: .milliseconds(50))
        await server.shutdown()
    }

    private func waitForBatch(_ client: OmneoClient, _ id: String) async throws -> BatchProgress {
        for _ in 0..<200 {
            let progress = try await client.batch(id: id)
            if progress.isDone { return progress }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("batch \(id) never finished")
        return try await client.batch(id: id)
    }
}
