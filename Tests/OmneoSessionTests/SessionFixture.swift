// Test helper: a sandbox tenant over real HTTP and a session (with its workers) on it, optionally journaled.
import Foundation
import Logging
import OmneoClient
import OmneoJournal
import OmneoModel
@testable import OmneoSandbox
@testable import OmneoSession

final class SessionFixture {
    let server: SandboxServer
    let client: OmneoClient
    let services: TenantServices
    let journal: RunJournal?

    static let seed: TenantSeed = {
        let statuses = ["vip", "staff", "media"].enumerated().map { StatusDefinition(id: $0 + 1, handle: $1, name: $1.capitalized) }
        var profiles: [[String: JSONValue]] = (1...12).map { n in
            ["id": .string("p\(n)"), "email": .string("person\(n)@example.com"), "statuses": n <= 5 ? ["vip"] : []]
        }
        profiles[1]["email"] = "twin@example.com"
        profiles[2]["email"] = "TWIN@example.com"
        return TenantSeed(statuses: statuses, profiles: profiles)
    }()

    init(dryRun: Bool = false, journaled: Bool = false, earlier runID: String? = nil, journalAt path: String? = nil, token: String = "sandbox-token", cacheTTL: Double = 0,
        confirmation: WriteConfirmation? = nil, configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws {
        var configuration = SandboxConfiguration(seed: Self.seed)
        configuration.rate = 0
        configuration.batchDelay = .milliseconds(20)
        configure(&configuration)
        server = try await SandboxServer.start(configuration)
        let tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret(token))
        var options = ClientOptions(rate: 2000)
        options.backoffBase = 0.01
        client = OmneoClient(tenant: tenant, options: options, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        if journaled || path != nil {
            let file = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)/j.sqlite").path
            let store = try Journal.open(path: file)
            let identity = tenant.identity(salt: store.salt)
            let id = runID ?? UUID().uuidString
            if runID == nil {
                var start = RunStart(id: id, tenant: identity, recipePath: "r.lua", recipeText: [])
                start.dryRun = dryRun
                try store.begin(start)
            }
            let earlier = try runID.map { try EarlierAttempts(journal: store, runID: $0) }
            journal = RunJournal(journal: store, runID: id, attempt: runID == nil ? 1 : 2, tenant: identity, cacheTTL: cacheTTL, earlier: earlier)
        } else {
            journal = nil
        }
        services = TenantServices(session: TenantSession(
            client: client, tenant: "sandbox", dryRun: dryRun, concurrency: 4, journal: journal, confirmation: confirmation))
    }

    func statuses(of id: String) async -> [String] { await server.store.statuses(ofProfile: id) ?? [] }

    func close() async {
        await client.shutdown()
        await server.shutdown()
    }
}
