// Everything a sandbox tenant can be started with; the defaults make the demo tenant.
public struct SandboxConfiguration: Sendable {
    /// Loopback only: the sandbox is never reachable from another machine.
    public var host = "127.0.0.1"
    /// 0 picks a free ephemeral port.
    public var port = 0
    public var seed: TenantSeed
    public var latency = Latency.none
    /// Requests per second per token (a sliding one-second window); 0 turns the limiter off.
    public var rate = 20.0
    /// The window `rate` counts over (Laravel's throttle counts per minute; the demo, per second).
    public var rateWindow = Duration.seconds(1)
    public var faults = FaultSpec.none
    /// Seeds the fault and latency draws, so a run with the same requests in the same order replays exactly.
    public var faultSeed: UInt64 = .random(in: 0...UInt64(UInt32.max))
    /// How long a queued batch waits before the queue processes it.
    public var batchDelay = Duration.milliseconds(300)
    /// The states a processed batch still reports before its end (`processing` by default), each for its time.
    public var batchStates = BatchPhase.harsh
    /// The states a batch ends in (`success` / `failed`, or a synonym or unknown word to test a client with).
    public var batchEnd = BatchEnd.vendor
    /// How long a `timeout` fault holds a request before closing the connection.
    public var hangDuration = Duration.seconds(30)
    /// The request log keeps this many latest entries; counts by endpoint are kept for every request.
    public var requestLogCapacity = 100_000
    /// Finished batches kept for GET /v3/batches/{id}; older ones answer 404, as an expired batch would.
    public var batchRetention = 20_000
    /// How profiles show `custom_attributes`. The object shape by default: it is what a live tenant sends (the
    /// vendor SDK's integration test reads it keyed) and what the documented type omits, so a reader that only
    /// knows the array (an `ipairs` walk) sees no attributes at all here rather than in production.
    public var attributeShape = AttributeShape.object
    /// How a filter key sent more than once is read: the last one alone, as PHP parses it (the harsh default), or any.
    public var repeatedFilterKeys = RepeatedFilterKeys.last
    /// What POST /v3/profiles/{id}/identities does with a handle the profile holds already: `added` (the
    /// default: a second identity with that handle) or `refused` (a 422).
    public var repeatedIdentity = RepeatedIdentity.added

    public init(seed: TenantSeed) {
        self.seed = seed
    }

    /// The demo tenant of `Fixtures/demo-tenant.json`.
    public static func demo() throws(SandboxConfigurationError) -> SandboxConfiguration {
        SandboxConfiguration(seed: try TenantSeed.demo())
    }
}
