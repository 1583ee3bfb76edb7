// How hard the client may push a tenant and how long it keeps trying; the defaults suit a real tenant.
public import Logging

public struct ClientOptions: Sendable {
    /// Requests per second for the whole client, every caller together (`--rate`). Nil takes the
    /// tenant's `rate` from the config, else omneo-api.md's default of 5.
    public var rate: Double?
    /// Tries per call, the first included.
    public var maxAttempts = 6
    /// Seconds a call may spend on retries (waits included) before it gives up.
    public var retryBudget: Double = 60
    /// Seconds one try may take, from sending to the last byte of the answer.
    public var requestTimeout: Double = 30
    /// Seconds of the first backoff; it doubles per retry up to `backoffCap`, with jitter.
    public var backoffBase: Double = 0.5
    public var backoffCap: Double = 8
    /// Level of the one line logged per request (shown by `-v`, which sets the logger to debug).
    public var requestLogLevel: Logger.Level = .debug
    /// Connections kept open to the tenant: as many as the default cap on requests in flight, so a
    /// request never waits for a connection (that wait would read as tenant latency).
    public var maxConnections = 64

    public static let defaultRate = 5.0

    /// The rates a pace can be set to: one request every 100 s up to 10,000 a second (beyond either end the
    /// pacer's intervals stop being meaningful).
    public static let rates: ClosedRange<Double> = 0.01...10_000

    /// Why `rate` cannot be a pace (`--rate`, a tenant's `rate`), or nil.
    public static func rateProblem(_ rate: Double) -> String? {
        rates.contains(rate) ? nil : "must be a positive number of requests per second, from 0.01 to 10000"
    }

    public init(rate: Double? = nil) {
        self.rate = rate
    }

    /// The options for `tenant`: the rate settled (this one, the tenant's, or the default), and values
    /// that would make the client misbehave brought back into range.
    func settled(for tenant: TenantConfiguration) -> ClientOptions {
        var options = self
        let rate = [options.rate, tenant.rate].compactMap { $0 }.first { $0 > 0 && $0.isFinite }
        options.rate = rate ?? Self.defaultRate
        options.maxAttempts = max(1, options.maxAttempts)
        options.retryBudget = max(0, options.retryBudget)
        if !(options.requestTimeout > 0) { options.requestTimeout = 30 }
        options.backoffBase = max(0.001, options.backoffBase)
        options.backoffCap = max(options.backoffBase, options.backoffCap)
        options.maxConnections = max(1, options.maxConnections)
        return options
    }
}
