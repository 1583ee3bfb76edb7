// One write a run sent (or meant to send), and how it ended.
public import OmneoModel

public struct WriteRecord: Sendable {
    public enum State: String, Sendable {
        /// Recorded before the request; no answer was recorded (the process died, or is still waiting).
        case intent
        /// Accepted: `batchID` names the batch, whose end was not recorded yet.
        case sent
        /// Refused by the tenant, or no answer after retries; `error` says why. Nothing was changed.
        case refused
        /// The batch finished (or the single call answered); `failures` lists what did not apply.
        case finished
        /// Waited for and still not finished when the run stopped waiting.
        case pending
    }

    public var id: Int64
    public var attempt: Int
    public var operation: WriteOperation
    /// Per profile id (same order): the handles written to it; empty lists for profile writes.
    public var handles: [[String]]
    public var profileIDs: [String]
    /// Profile writes: a hash of the request body.
    public var payload: String?
    public var state: State
    public var batchID: String?
    public var httpStatus: Int?
    public var error: String?
    public var batchStatus: String?
    public var failures: [[String]]

    public init(
        id: Int64, attempt: Int, operation: WriteOperation, handles: [[String]], profileIDs: [String], payload: String? = nil, state: State,
        batchID: String? = nil, httpStatus: Int? = nil, error: String? = nil, batchStatus: String? = nil, failures: [[String]] = []
    ) {
        self.id = id
        self.attempt = attempt
        self.operation = operation
        self.handles = handles
        self.profileIDs = profileIDs
        self.payload = payload
        self.state = state
        self.batchID = batchID
        self.httpStatus = httpStatus
        self.error = error
        self.batchStatus = batchStatus
        self.failures = failures
    }
}
