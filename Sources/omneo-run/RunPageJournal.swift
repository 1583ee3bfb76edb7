// What a run leaves for its report page: its timeline in the journal (every journaled run, so `show --html`
// works later), and with `--html` the page itself, printed as `page: PATH`.
import OmneoClient
import OmneoJournal
import OmneoSession

enum RunPageJournal {
    /// The client's requests over time as the journal keeps them, for this attempt.
    static func timeline(_ snapshot: TimelineSnapshot, attempt: Int, who: String) -> RunTimeline {
        RunTimeline(
            attempt: attempt, who: who,
            seconds: snapshot.seconds.map { RunTimeline.Second(second: $0.second, requests: $0.requests, throttled: $0.throttled, retries: $0.retries) },
            waits: snapshot.waits.map { RunTimeline.Wait(kind: $0.kind.rawValue, start: $0.start, end: $0.end) }
        )
    }

    /// A journal that cannot take it says so; the run's own outcome stands.
    static func recordTimeline(_ client: OmneoClient, _ journaled: RunJournal) {
        do {
            try journaled.journal.recordTimeline(
                runID: journaled.runID, timeline(client.timeline, attempt: journaled.attempt, who: ProcessOwner.name)
            )
        } catch {
            Console.error("omneo-run: the run's timeline was not journaled (its page will say so): \(error)")
        }
    }

    /// Writes the run's page; a page that cannot be written is said, and the run's exit code stands.
    static func writePage(_ flags: HTMLPageFlags, _ journaled: RunJournal) {
        do {
            let run = try journaled.journal.run(journaled.runID)
            let path = try HTMLPageFlags.write([run], journal: journaled.journal, to: flags.path(for: [run]))
            Console.error("page: \(path)")
        } catch {
            Console.error("omneo-run: \(error)")
        }
    }
}
