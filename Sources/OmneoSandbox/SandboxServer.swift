// A running sandbox tenant: a real HTTP server on loopback, started in-process or standalone.
import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

public final class SandboxServer: Sendable {
    public let configuration: SandboxConfiguration
    public let store: TenantStore
    public let requestLog: RequestLog
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The base URL a client uses, e.g. `http://127.0.0.1:53124/api`.
    public var baseURL: String { "http://\(configuration.host):\(port)/api" }

    private init(
        configuration: SandboxConfiguration, store: TenantStore, requestLog: RequestLog, port: Int,
        group: ServiceGroup, task: Task<Void, any Error>
    ) {
        self.configuration = configuration
        self.store = store
        self.requestLog = requestLog
        self.port = port
        self.group = group
        self.task = task
    }

    /// Binds, starts serving and returns once the port is known; throws when it cannot bind.
    public static func start(_ configuration: SandboxConfiguration, logger: Logger? = nil) async throws -> SandboxServer {
        let store = TenantStore(configuration: configuration)
        let log = RequestLog(capacity: configuration.requestLogCapacity)
        let router = Router(context: SandboxContext.self)
        let gate = TenantGate(
            tokens: Dictionary(configuration.seed.tokens.map { ($0.token, $0) }, uniquingKeysWith: { _, last in last }),
            limiter: RateLimiter(rate: configuration.rate, window: Double(configuration.rateWindow.components.seconds) + Double(configuration.rateWindow.components.attoseconds) * 1e-18),
            faults: FaultInjector(spec: configuration.faults, latency: configuration.latency, seed: configuration.faultSeed),
            log: log,
            clock: SandboxClock(),
            hangDuration: configuration.hangDuration
        )
        TenantRoutes(store: store).register(on: router.group("api").add(middleware: gate))
        InspectionRoutes(store: store, log: log).register(on: router.group("_sandbox"))

        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "omneo-sandbox")
        quiet.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "omneo-sandbox"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger ?? quiet
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger ?? quiet))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before it ran: surface why (port in use, bad address).
            try await task.value
            throw SandboxConfigurationError("the sandbox could not start on \(configuration.host):\(configuration.port)")
        }
        return SandboxServer(configuration: configuration, store: store, requestLog: log, port: port, group: group, task: task)
    }

    /// Serves until `shutdown()` or until the task running this is cancelled.
    public func waitUntilStopped() async throws {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            Task { await self.group.triggerGracefulShutdown() }
        }
    }

    /// Stops accepting, lets requests in flight finish (a held `timeout` fault is cut short), and stops the queue.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        let cutShort = Task {
            try await Task.sleep(for: .seconds(2))
            task.cancel()
        }
        _ = await task.result
        cutShort.cancel()
        await store.shutdown()
    }
}
