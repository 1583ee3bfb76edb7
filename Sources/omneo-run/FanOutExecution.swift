// `omneo-run RECIPE.lua --tenant a --tenant b` (or `--tenant 'brand-*'`, `--all-tenants`): the recipe once per
// tenant, side by side. Each tenant is a run of its own (its own Lua state, client and pace, its config's
// `args` and `lib`, its own journal run, resumed and undone alone); the runs share a group id, one Ctrl-C
// stops them all, and one table ends it, with the worst exit code of them.
import ArgumentParser
import Foundation
import OmneoClient
import OmneoJournal
import OmneoRuntime
import OmneoSession

struct FanOutExecution {
    let recipe: String
    let flags: RecipeFlags
    let target: TenantFlags
    /// `--html`: one page for the whole fan-out, a row per tenant on top and a section per run.
    var page: HTMLPageFlags? = nil

    /// Returns the exit code: the worst of the tenants' (`worst`).
    func run() async -> Int32 {
        let lintOptions = flags.options(recipe: recipe)
        // One lint for all: a mistake stops the fan-out before any tenant is asked anything.
        if let stopped = RecipeRunner.lint(lintOptions) { return ExitStatus.report(stopped) }
        let names: [String]
        let journal: Journal
        do {
            names = try TenantSelection.names(target.tenants, all: target.allTenants, in: try TenantDirectory.load())
            // Opened (and migrated) once, before the tenants' runs record themselves in it side by side.
            journal = try Journal.open(path: StateDirectory.journal)
        } catch {
            Console.error("omneo-run: \(error)")
            return ExitStatus.usage
        }
        let group = "g" + RunID.make()
        var runIDs: [String] = []
        while runIDs.count < names.count {
            let id = RunID.make()
            if !runIDs.contains(id) { runIDs.append(id) }
        }
        let parallel = min(target.parallel, names.count)
        Console.error("fan-out \(group): \(recipe) on \(names.count) tenant\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", "))), "
            + "\(parallel) at a time; " + (target.dryRun ? "dry run, nothing is written" : "writes are sent"))
        let questions = QuestionTurn()
        let members = zip(names, runIDs).map { FanOutMember(tenant: $0, runID: $1, group: group, journal: journal, questions: questions) }
        // One Ctrl-C stops every tenant at its next safe point; a second ends the process, naming every run.
        let control = RunControl()
        control.onSecondInterrupt(members.flatMap { member in
            RunHeader.stopLines(runID: member.runID, resumable: true, dryRun: target.dryRun).map { "[\(member.tenant)] \($0)" }
        })
        control.catchInterrupts()
        let ticker = target.json || flags.quiet ? nil : FanOutTicker.start(members)
        let settings = RunSettings(flags: flags, target: target)
        let options = flags.options(recipe: recipe)
        let dryRun = target.dryRun
        let stop = control.stopSwitch
        await withTaskGroup(of: Void.self) { tasks in
            var next = 0
            func launch() {
                let member = members[next]
                next += 1
                tasks.addTask { await Self.runTenant(member, options: options, dryRun: dryRun, settings: settings, stop: stop) }
            }
            while next < parallel { launch() }
            while await tasks.next() != nil {
                if next < members.count { launch() }
            }
        }
        ticker?.stop()
        for line in Self.table(members, group: group, dryRun: target.dryRun) { Console.error(line) }
        if let page { Self.writePage(page, members: members, journal: journal) }
        return Self.worst(members.map(\.code))
    }

    /// One tenant's run, its lines prefixed with its name, stopped when the fan-out is.
    private static func runTenant(
        _ member: FanOutMember, options: RecipeOptions, dryRun: Bool, settings: RunSettings, stop: StopSwitch
    ) async {
        if let reason = stop.reason {
            member.ended(code: ExitStatus.interrupted, note: "not started: \(reason)")
            return
        }
        let started = ContinuousClock.now
        await Console.$label.withValue(member.tenant) {
            var options = options
            // Its own progress (a class: the copy of the options would share it).
            options.progress = RunProgress()
            let tenant = member.tenant
            options.log = { level, message in Console.error("\(level.rawValue): \(message)", label: tenant) }
            options.runID = member.runID
            options.dryRun = dryRun
            var execution = RecipeExecution(settings: settings, tenantName: member.tenant)
            execution.member = member
            let own = execution.control.stopSwitch
            let follower = Task {
                await stop.wait()
                if let reason = stop.reason { own.stop(reason) }
            }
            let code = await execution.run(options, resuming: nil)
            follower.cancel()
            member.ended(code: code, elapsed: ContinuousClock.now - started)
        }
    }

    /// The page of every tenant's journaled run (a tenant refused before its run began has none).
    private static func writePage(_ page: HTMLPageFlags, members: [FanOutMember], journal: Journal) {
        do {
            let runs = try members.filter(\.journaled).map { try journal.run($0.runID) }
            guard !runs.isEmpty else {
                Console.error("omneo-run: --html: no page, as no tenant's run was journaled")
                return
            }
            Console.error("page: " + (try HTMLPageFlags.write(runs, journal: journal, to: page.path(for: runs))))
        } catch {
            Console.error("omneo-run: \(error)")
        }
    }

    /// The worst of several exit codes: a stop by Ctrl-C (130), then a usage or configuration error (2), a
    /// recipe error (1), a tenant that refused or could not be reached (3), a first write not confirmed (5),
    /// rows that failed (4), and done (0) last.
    static func worst(_ codes: [Int32]) -> Int32 {
        let order: [Int32] = [ExitStatus.done, ExitStatus.rowsFailed, ExitStatus.declined, ExitStatus.refused, ExitStatus.recipeError,
                              ExitStatus.usage, ExitStatus.interrupted]
        return codes.max { (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count) } ?? ExitStatus.done
    }

    /// `done`, `refused`, ... as `omneo-run runs` says it.
    static func state(_ code: Int32) -> String {
        switch code {
        case ExitStatus.done: return "done"
        case ExitStatus.recipeError: return "error"
        case ExitStatus.usage: return "usage"
        case ExitStatus.refused: return "refused"
        case ExitStatus.rowsFailed: return "rows failed"
        case ExitStatus.declined, ExitStatus.interrupted: return "stopped"
        default: return "exit \(code)"
        }
    }

    /// The fan-out's end: a row per tenant (outcome, row counts, requests, time, run id), then the way back for
    /// each tenant that did not finish, and the group's.
    static func table(_ members: [FanOutMember], group: String, dryRun: Bool) -> [String] {
        var rows = [["tenant", "result", "rows", "requests", "time", "run"]]
        var after: [String] = []
        for member in members {
            let summary = member.summary
            let seconds = member.elapsed.map { (Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18) }
            let journaled = member.journaled
            rows.append([
                member.tenant, state(member.code) + (dryRun ? " (dry run)" : ""),
                summary.map { $0.rows == 0 ? "no rows" : JournalAccess.counts($0.outcomes) } ?? "-",
                summary.map { String($0.requests) } ?? "-",
                seconds.map { String(format: "%.1f s", $0) } ?? "-",
                journaled ? member.runID : "-",
            ])
            if let note = member.note { after.append("\(member.tenant): \(note)") }
            if journaled, !dryRun, member.code != ExitStatus.done, member.code != ExitStatus.usage {
                after.append("\(member.tenant): resume: omneo-run resume \(member.runID)")
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["", "fan-out \(group): \(members.count) tenant\(members.count == 1 ? "" : "s")"]
        lines += rows.map { row in
            row.enumerated().map { column, text in
                column == row.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        lines += after
        if !dryRun, members.contains(where: \.journaled) {
            lines.append("group: `omneo-run runs --group \(group)`; `omneo-run undo \(group)` takes back the status changes of all its runs")
        }
        return lines
    }
}

/// One tenant of a fan-out, as its run goes and after: what the live line and the table show.
final class FanOutMember: @unchecked Sendable {
    let tenant: String
    let runID: String
    let group: String
    let journal: Journal
    /// The tenants' questions before their first writes, one at a time.
    let questions: QuestionTurn
    private let lock = NSLock()
    private var progressAndClient: (RunProgress, OmneoClient)?
    private var endSummary: RunSummary?
    private var endCode = ExitStatus.done
    private var time: Duration?
    private var endNote: String?

    init(tenant: String, runID: String, group: String, journal: Journal, questions: QuestionTurn) {
        self.tenant = tenant
        self.runID = runID
        self.group = group
        self.journal = journal
        self.questions = questions
    }

    /// The run began: it has a journal run and a client.
    func started(runID: String, progress: RunProgress, client: OmneoClient) { lock.withLock { progressAndClient = (progress, client) } }

    func finished(_ summary: RunSummary) { lock.withLock { endSummary = summary } }

    func ended(code: Int32, elapsed: Duration? = nil, note: String? = nil) {
        lock.withLock {
            endCode = code
            time = elapsed
            endNote = note
        }
    }

    var live: (RunProgress, OmneoClient)? { lock.withLock { progressAndClient } }
    var summary: RunSummary? { lock.withLock { endSummary } }
    var code: Int32 { lock.withLock { endCode } }
    var elapsed: Duration? { lock.withLock { time } }
    var note: String? { lock.withLock { endNote } }
    /// True once the run is in the journal (a tenant whose config failed never gets there).
    var journaled: Bool { live != nil }
}

/// One question on the terminal at a time: the fan-out's tenants each ask before their first write, in turn.
actor QuestionTurn {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func inTurn(_ body: @Sendable () async -> Bool) async -> Bool {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        let answer = await body()
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        return answer
    }
}

/// The fan-out's live line on a terminal: each running tenant's phase, rows and requests.
struct FanOutTicker {
    private let task: Task<Void, Never>

    static func start(_ members: [FanOutMember]) -> FanOutTicker? {
        guard Console.stderrIsTerminal else { return nil }
        return FanOutTicker(task: Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                let parts = members.compactMap { member -> String? in
                    guard member.summary == nil, let (progress, client) = member.live else { return nil }
                    let state = progress.snapshot
                    let phase = state.phase.isEmpty ? "\(state.rows) rows" : "\(state.phase) \(state.done)/\(state.total)"
                    return "[\(member.tenant)] \(phase), \(client.statistics.requestsSent) req"
                }
                Console.progress(parts.joined(separator: " · "))
            }
        })
    }

    func stop() {
        task.cancel()
        Console.progress("")
    }
}
