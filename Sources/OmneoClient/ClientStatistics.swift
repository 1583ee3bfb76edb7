// What a client did so far: for run summaries, and for tests that check every request is accounted for.
public struct ClientStatistics: Sendable, Hashable {
    /// Calls made (`profile(id:)`, `attachStatuses`, ...), however many tries each took.
    public var calls = 0
    public var callsSucceeded = 0
    public var callsFailed = 0
    /// Tries sent over the wire, retries included.
    public var requestsSent = 0
    public var retries = 0
    /// Answers received, by HTTP status.
    public var answersByStatus: [Int: Int] = [:]
    /// Tries that ended without an answer (reset, timeout, refused).
    public var transportFailures = 0
    /// Times the whole client paused for a 429's Retry-After.
    public var pauses = 0
    /// Seconds callers spent waiting for the pace or a pause, added over callers.
    public var secondsWaited = 0.0

    public init() {}

    public var answers: Int { answersByStatus.values.reduce(0, +) }
}
