// How hard the client may push a tenant and how long it keeps trying; the defaults suit a real tenant.
public import Logging

public struct ClientOptions: Sendable {
    /// Requests per second for the whole client, every caller together (omneo-api.md's default: 5).
    public var rate: Double = 5
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
    /// Connections kept open to the tenant.
    public var maxConnections = 16

    public init(rate: Double? = nil) {
        if let rate { self.rate = rate }
    }

    /// The rate to use for `tenant`: `override` (`--rate`), else the tenant's config, else the default.
    public static func forTenant(_ tenant: TenantConfiguration, rate override: Double? = nil) -> ClientOptions {
        ClientOptions(rate: override ?? tenant.rate)
    }

    /// Values that would make the client misbehave, brought back into range.
    var sanitized: ClientOptions {
        var options = self
        if !(options.rate > 0) || !options.rate.isFinite { options.rate = 5 }
        options.maxAttempts = max(1, options.maxAttempts)
        options.retryBudget = max(0, options.retryBudget)
        if !(options.requestTimeout > 0) { options.requestTimeout = 30 }
        options.backoffBase = max(0.001, options.backoffBase)
        options.backoffCap = max(options.backoffBase, options.backoffCap)
        options.maxConnections = max(1, options.maxConnections)
        return options
    }
}
