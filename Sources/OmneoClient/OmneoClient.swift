// The HTTP client of one Omneo tenant: authenticated, paced and retrying; safe to share between tasks.
public import OmneoModel
import AsyncHTTPClient
public import Logging
import NIOCore

public final class OmneoClient: Sendable {
    public let tenant: TenantConfiguration
    /// The options in force, `rate` settled from the options, the tenant or the default.
    public let options: ClientOptions
    let logger: Logger
    let http: HTTPClient
    let pacer: RequestPacer
    let recorder = StatisticsRecorder()
    let flowMeter = FlowMeter()
    let batchClock = BatchClock()
    let requestTimeline = RequestTimeline()
    /// Thrown, the client sends nothing more (see `StopSwitch`); the run's, shared with whoever may stop it.
    public let stopSwitch: StopSwitch

    public init(tenant: TenantConfiguration, options: ClientOptions = ClientOptions(), logger: Logger, stopSwitch: StopSwitch = StopSwitch()) {
        let options = options.settled(for: tenant)
        self.stopSwitch = stopSwitch
        self.tenant = tenant
        self.options = options
        self.logger = logger
        pacer = RequestPacer(rate: options.rate ?? ClientOptions.defaultRate)
        var configuration = HTTPClient.Configuration()
        // A redirect could carry the Authorization header to another host: never follow one.
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .milliseconds(Int64(options.requestTimeout * 1000)))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: options.maxConnections)
        // Refused connections come back at once; the retry loop decides about trying again.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(100))
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the connections; the client cannot be used afterwards. Calling it twice is harmless.
    public func shutdown() async {
        try? await http.shutdown()
    }

    /// A client dropped without `shutdown()` still lets go of its connections (AsyncHTTPClient would
    /// otherwise stop a debug build); after `shutdown()` this is a no-op.
    deinit {
        http.shutdown { _ in }
    }

    public var statistics: ClientStatistics { recorder.snapshot }

    /// Requests per second, 429s, retries and the waits so far (for the run report page).
    public var timeline: TimelineSnapshot { requestTimeline.snapshot }

    /// The pace and round trip now, for sizing the work in flight.
    public var flow: FlowReading { flowMeter.reading(rate: pacer.currentRate) }

    /// A line for `-v` (the level of the per-request lines).
    public func note(_ message: String) {
        logger.log(level: options.requestLogLevel, "\(message)")
    }

    /// `GET /v3/auth/verify`: throws "the token for tenant X was rejected" when it does not work.
    public func verifyToken() async throws -> TokenCheck {
        let response = try await send(APIRequest("GET", ["v3", "auth", "verify"], scope: nil))
        return TokenCheck(response.json ?? .null)
    }

    /// Every status definition, all pages; `handle` narrows to one.
    public func statuses(handle: String? = nil) async throws -> [OmneoStatus] {
        var result: [OmneoStatus] = []
        var page = 1
        while true {
            var query = Self.pageQuery(page: page, size: 100)
            if let handle { query.insert(("filter[handle]", handle), at: 0) }
            let request = APIRequest("GET", ["v3", "statuses"], query: query, scope: "read-statuses")
            let envelope = try await sendPage(request, page: page, size: 100)
            result += envelope.items.compactMap(OmneoStatus.init)
            guard envelope.hasNextPage, page < 10_000 else { return result }
            page += 1
        }
    }

    /// `GET /v3/batches/{id}`: how far a queued write got.
    public func batch(id: String) async throws -> BatchProgress {
        try Self.checkID(id, call: "batch")
        let request = APIRequest("GET", ["v3", "batches", id], scope: "read-profiles")
        let response = try await send(request)
        guard let value = response.json, let progress = BatchProgress(value) else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "no batch in the answer")
        }
        return progress
    }

    static func pageQuery(page: Int, size: Int) -> [(name: String, value: String)] {
        [("page[number]", String(page)), ("page[size]", String(size))]
    }

    func sendPage(_ request: APIRequest, page: Int, size: Int) async throws -> PageEnvelope {
        let response = try await send(request)
        guard let value = response.json, let envelope = PageEnvelope(value, requested: page, size: size) else {
            throw OmneoClientError.unexpectedAnswer(call: request.display, detail: "expected a list under \"data\"")
        }
        return envelope
    }
}
