// Each test's own sandbox tenant over real HTTP, and a client pointed at it.
import Logging
import OmneoClient
import OmneoSandbox

enum Sandbox {
    static let token = "sandbox-token"

    /// A small tenant: three statuses and `count` profiles `p1`... with emails `user1@example.com`...
    static func seed(profiles count: Int = 5) -> TenantSeed {
        TenantSeed(
            statuses: [
                StatusDefinition(id: 1, handle: "vip", name: "VIP"),
                StatusDefinition(id: 2, handle: "staff", name: "Staff"),
                StatusDefinition(id: 3, handle: "media", name: "Media"),
            ],
            profiles: (1...max(count, 1)).map { index in
                ["id": .string("p\(index)"), "email": .string("user\(index)@example.com"), "first_name": "Test", "statuses": ["staff"]]
            }
        )
    }

    static func configuration(profiles: Int = 5, rate: Double = 0) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(seed: seed(profiles: profiles))
        configuration.rate = rate
        configuration.batchDelay = .milliseconds(20)
        configuration.faultSeed = 7
        return configuration
    }

    static func tenant(_ server: SandboxServer, token: String = token) -> TenantConfiguration {
        TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret(token))
    }

    /// Options for tests: fast backoff so retries do not make the suite slow.
    static func options(rate: Double = 200) -> ClientOptions {
        var options = ClientOptions(rate: rate)
        options.backoffBase = 0.02
        options.backoffCap = 0.2
        options.requestTimeout = 5
        return options
    }

    /// The sandbox logs a dropped connection just after closing it, so the client can see the drop first:
    /// wait briefly until the log holds `count` entries.
    static func settle(_ server: SandboxServer, atLeast count: Int) async {
        for _ in 0..<200 where server.requestLog.total < count {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Runs `body` with a fresh server and client, and shuts both down however it ends.
    static func with<T>(
        _ configuration: SandboxConfiguration,
        options: ClientOptions = options(),
        token: String = token,
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: (SandboxServer, OmneoClient) async throws -> T
    ) async throws -> T {
        let server = try await SandboxServer.start(configuration)
        let client = OmneoClient(tenant: tenant(server, token: token), options: options, logger: logger)
        do {
            let result = try await body(server, client)
            await client.shutdown()
            await server.shutdown()
            return result
        } catch {
            await client.shutdown()
            await server.shutdown()
            throw error
        }
    }
}
