// What the run report page (`--html`) reads besides the run itself: every row with its input line, and each
// attempt's timeline (requests per second, 429s, retries, waits), recorded once when the attempt ends.
import Foundation
import GRDB

/// One attempt's requests over time, as its client counted them: per whole second that had any, and the
/// spans it spent waiting. Cheap by design: one row per attempt, written at its end.
public struct RunTimeline: Sendable, Equatable {
    public struct Second: Sendable, Equatable {
        /// Unix time, whole seconds.
        public var second: Int
        /// Tries sent over the wire in that second, retries included.
        public var requests: Int
        /// Answers that were 429 (Too Many Requests).
        public var throttled: Int
        /// Tries that were a retry of an earlier one.
        public var retries: Int

        public init(second: Int, requests: Int, throttled: Int = 0, retries: Int = 0) {
            self.second = second
            self.requests = requests
            self.throttled = throttled
            self.retries = retries
        }
    }

    public struct Wait: Sendable, Equatable {
        /// `batch`: the run waited for a queued batch to finish; `pause`: every request waited out a 429's Retry-After.
        public var kind: String
        /// Unix times, seconds.
        public var start: Double
        public var end: Double

        public init(kind: String, start: Double, end: Double) {
            self.kind = kind
            self.start = start
            self.end = end
        }
    }

    public var attempt: Int
    /// `user@host` of the process that ran the attempt.
    public var who: String
    public var seconds: [Second]
    public var waits: [Wait]

    public init(attempt: Int = 1, who: String, seconds: [Second], waits: [Wait]) {
        self.attempt = attempt
        self.who = who
        self.seconds = seconds
        self.waits = waits
    }

    public var requests: Int { seconds.reduce(0) { $0 + $1.requests } }
    public var throttled: Int { seconds.reduce(0) { $0 + $1.throttled } }
    public var retries: Int { seconds.reduce(0) { $0 + $1.retries } }
}

extension Journal {
    /// Records (or replaces) an attempt's timeline.
    public func recordTimeline(runID: String, _ timeline: RunTimeline) throws(JournalError) {
        let seconds = timeline.seconds.map { [$0.second, $0.requests, $0.throttled, $0.retries] }
        let waits = timeline.waits.map { [$0.kind, String($0.start), String($0.end)] }
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO run_timeline (run_id, attempt, who, seconds, waits, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [runID, timeline.attempt, timeline.who, Self.json(seconds), Self.json(waits), Self.now]
            )
        }
    }

    /// The run's recorded timelines, first attempt first; empty for a run from before v8-timeline, or one
    /// whose attempts never reached their end (killed).
    public func timelines(runID: String) throws(JournalError) -> [RunTimeline] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run_timeline WHERE run_id = ? ORDER BY attempt", arguments: [runID]).map { row in
                let seconds = (Self.decode([[Int]].self, row["seconds"]) ?? []).compactMap { item -> RunTimeline.Second? in
                    guard item.count == 4 else { return nil }
                    return RunTimeline.Second(second: item[0], requests: item[1], throttled: item[2], retries: item[3])
                }
                let waits = (Self.decode([[String]].self, row["waits"]) ?? []).compactMap { item -> RunTimeline.Wait? in
                    guard item.count == 3, let start = Double(item[1]), let end = Double(item[2]) else { return nil }
                    return RunTimeline.Wait(kind: item[0], start: start, end: end)
                }
                return RunTimeline(attempt: row["attempt"], who: row["who"], seconds: seconds, waits: waits)
            }
        }
    }

    /// Every row outcome of the run in the order reported, with its input line where the journal has it.
    public func outcomeRows(runID: String) throws(JournalError) -> [OutcomeRow] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, key, profile_id, outcome, detail, line FROM outcome WHERE run_id = ? ORDER BY seq", arguments: [runID]
            ).map { row in
                OutcomeRow(seq: row["seq"], key: row["key"], profileID: row["profile_id"], outcome: row["outcome"], detail: row["detail"], line: row["line"])
            }
        }
    }
}
