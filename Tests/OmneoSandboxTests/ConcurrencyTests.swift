// State stays right under concurrent writes: no update is lost when batches touch the same profiles.
import OmneoSandbox
import Testing

@Suite struct ConcurrencyTests {
    @Test func concurrentBatchesOnTheSameProfilesLoseNothing() async throws {
        let handles = (0..<16).map { "s\($0)" }
        var configuration = SmallTenant.configuration(profiles: 40)
        configuration.seed.statuses = handles.enumerated().map { StatusDefinition(id: $0 + 1, handle: $1, name: $1) }
        for index in configuration.seed.profiles.indices {
            configuration.seed.profiles[index]["statuses"] = ["s14", "s15"]
        }
        configuration.batchDelay = .milliseconds(5)
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let ids = (1...40).map { "p\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for handle in handles.prefix(14) {
                    group.addTask { _ = try await http.statusBatch(.POST, ids.map { ($0, [handle]) }) }
                }
                group.addTask { _ = try await http.statusBatch(.DELETE, ids.map { ($0, ["s15"]) }) }
                try await group.waitForAll()
            }
            for id in ids {
                let held = await http.server.store.statuses(ofProfile: id) ?? []
                #expect(Set(held) == Set(handles.prefix(15)), "\(id) holds \(held)")
            }
        }
    }

    @Test func concurrentCreatesOfOneEmailMakeExactlyOneProfile() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await http.post("/v3/profiles", ["email": "race@example.com"]).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count(where: { $0 == 201 }) == 1)
            #expect(statuses.count(where: { $0 == 422 }) == 11)
            #expect(await http.server.store.profileIDs(email: "race@example.com").count == 1)
        }
    }
}
