// The journal handshake of every write, written once: was it sent by an earlier attempt (resume)? If not,
// the run's first write is confirmed (when the run asks), the intent is committed before the request, then
// the answer (sent, applied) or the refusal. A failure without an answer stays an intent: it may have
// applied, so `undo` covers it and `resume` sends it again.
import Foundation
import OmneoClient
import OmneoJournal
import OmneoModel

/// A write that got no answer, so it may have applied: its journal entry stays an intent until the caller
/// reads back what happened.
struct UncertainWrite: Error {
    let error: OmneoClientError
    let write: Int64?
}

final class WriteLedger: @unchecked Sendable {
    /// How the tenant took a write it answered.
    enum Answer {
        /// Queued as a batch (202), to be waited for.
        case queued(batchID: String)
        /// Applied at once to these profiles, with this HTTP status.
        case applied(profileIDs: [String], status: Int)
    }

    private let journal: RunJournal?
    /// The question before the first write (nil: none, as off a terminal or with --yes), the switch a
    /// no throws, and the tenant as the question names it: `acme (https://api.acme.getomneo.com/api)`.
    private let confirmation: WriteConfirmation?
    private let stop: StopSwitch
    private let tenant: String
    private let lock = NSLock()
    /// The earlier attempts' writes this attempt has matched, so each is matched once.
    private var matched: Set<Int64> = []

    init(journal: RunJournal?, confirmation: WriteConfirmation? = nil, stop: StopSwitch = StopSwitch(), tenant: String = "") {
        self.journal = journal
        self.confirmation = confirmation
        self.stop = stop
        self.tenant = tenant
    }

    /// Before a write that is about to be sent: nothing once the run stopped (it throws), the run's one
    /// question while it has not been answered yes. Any other answer stops the run: no write is sent.
    func confirm(_ what: @Sendable () -> String) async throws {
        if stop.isStopped { try stop.check(what()) }
        guard let confirmation, !(await confirmation.confirmed) else { return }
        if await confirmation.confirm("\(what()) on \(tenant)") { return }
        stop.stop(Self.declined)
        try stop.check(what())
    }

    /// Why a run stops when its first write was not confirmed.
    static let declined = "the first write was not confirmed (the answer was not y or yes), so it was not sent"

    /// Resume: the earlier attempt's write of exactly this, when it was accepted (so it is not sent again).
    /// `ids` nil matches any profile ids (a create learns its id only from the answer); `unanswered` also
    /// matches a write recorded without an answer (it may have applied).
    func earlier(
        _ operation: WriteOperation, ids: [String]?, handles: [[String]] = [], payload: String? = nil, unanswered: Bool = false
    ) -> WriteRecord? {
        guard let writes = journal?.earlier?.writes else { return nil }
        return lock.withLock {
            guard let index = writes.firstIndex(where: { write in
                !matched.contains(write.id) && write.operation == operation && (ids == nil || write.profileIDs == ids)
                    && write.handles == handles && write.payload == payload
                    && (write.state == .finished || (write.batchID != nil && (write.state == .sent || write.state == .pending))
                        || (unanswered && write.state == .intent))
            }) else { return nil }
            matched.insert(writes[index].id)
            return writes[index]
        }
    }

    /// Sends one write through the handshake: intent, then `send`, then what `answer` makes of its result.
    /// A refusal (a client error with an HTTP status, or a 422 the session words itself) is journaled as
    /// refused and rethrown; the returned id is the journal's (nil without one).
    /// `readsBack`: a write whose answer was lost is thrown as `UncertainWrite`, with its journal id, for the
    /// caller to read back and record.
    /// `question` words the write for the confirmation (default: this one request's operation and profiles).
    func perform<T: Sendable>(
        _ operation: WriteOperation, ids: [String], handles: [[String]] = [], payload: String? = nil, readsBack: Bool = false,
        question: String? = nil, isolation: isolated (any Actor)? = #isolation, answer: (T) -> Answer, _ send: () async throws -> T
    ) async throws -> (result: T, write: Int64?) {
        try await confirm { question ?? Self.describe(operation, ids: ids, handles: handles) }
        let write = try intent(operation, ids: ids, handles: handles, payload: payload)
        let result: T
        do {
            result = try await send()
        } catch let error as OmneoClientError {
            if let status = error.status { try refused(write, error.description, status: status) }
            if readsBack, error.isUncertain { throw UncertainWrite(error: error, write: write) }
            throw error
        } catch let error as ExpectedFailure {
            try refused(write, error.message, status: 422)
            throw error
        }
        try record(write, answer(result))
        return (result, write)
    }

    /// An answer that came for a write recorded earlier (resume read back what an attempt created).
    func record(_ write: Int64?, _ answer: Answer) throws {
        guard let journal, let write else { return }
        switch answer {
        case .queued(let batchID):
            try journal.record { try $0.sent(write: write, batchID: batchID, httpStatus: 202) }
        case .applied(let ids, let status):
            try journal.record { try $0.answered(write: write, profileIDs: ids, httpStatus: status) }
        }
    }

    /// A write without an answer that a read-back showed was not applied.
    func notApplied(_ write: Int64?, _ reason: String) throws {
        try refused(write, reason, status: nil)
    }

    /// The batch ended: its state and the items that failed.
    func finished(_ write: Int64?, status: String, failures: [(profileID: String, error: String)]) throws {
        guard let journal, let write else { return }
        try journal.record {
            try $0.finished(write: write, batchStatus: status, failures: failures.map { [$0.profileID, $0.error] })
        }
    }

    /// Waited for and not finished in time.
    func stillPending(_ write: Int64?, _ error: OmneoClientError) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.pending(write: write, error: error.description) }
    }

    /// One request's write in words, for the confirmation: `delete profile 6b1f...`, `add 'vip' to 250 profiles`.
    static func describe(_ operation: WriteOperation, ids: [String], handles: [[String]]) -> String {
        let one = ids.count == 1 && !ids[0].isEmpty ? "profile \(ids[0])" : WriteConfirmation.profiles(ids.count)
        switch operation {
        case .attach, .detach:
            let entries = zip(ids, handles).map { StatusAssignment(profileID: $0, statuses: $1) }
            return WriteConfirmation.statuses(entries, attach: operation == .attach)
        case .create: return ids.count <= 1 ? "create a profile" : "create \(one)"
        case .update: return "update \(one)"
        case .delete: return "delete \(one)"
        case .purge: return "purge (erase for good) \(one)"
        case .upsert: return "create or update \(one)"
        case .upsertReplace: return "create or update \(one), replacing their statuses"
        case .identityAdd, .identityChange, .identityRemove, .attributeAdd, .attributeChange, .attributeRemove:
            return WriteRecord.identityChange(operation, handles.first ?? []) + " on \(one)"
        case .tags: return "change the tags of \(one)"
        }
    }

    /// The hash `resume` matches profile writes on: the request body as sent (keys sorted).
    static func payload(_ values: [JSONValue]) -> String {
        RunStart.hash(values.flatMap { $0.serialized() + [10] })
    }

    private func intent(_ operation: WriteOperation, ids: [String], handles: [[String]], payload: String?) throws -> Int64? {
        guard let journal else { return nil }
        try journal.flushRows()
        return try journal.record {
            try $0.intent(runID: journal.runID, attempt: journal.attempt, operation: operation, handles: handles, profileIDs: ids, payload: payload)
        }
    }

    private func refused(_ write: Int64?, _ message: String, status: Int?) throws {
        guard let journal, let write else { return }
        try journal.record { try $0.refused(write: write, error: message, httpStatus: status) }
    }
}
