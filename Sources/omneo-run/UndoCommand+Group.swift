// `omneo-run undo GROUP`: takes back a whole fan-out, one undo run per tenant run, after one question.
import ArgumentParser
import Foundation
import OmneoJournal

extension UndoCommand {
    /// Undoes the group's runs one after the other (each its own undo run, its lines prefixed by its tenant);
    /// returns the worst exit code. On a terminal one question covers them all (not with --yes or --dry-run).
    func undoGroup(_ runs: [RunRecord], journal: Journal) async throws -> Int32 {
        let group = runs[0].group ?? id
        let undoable = runs.filter { $0.kind == "run" && !$0.dryRun }
        if undoable.isEmpty {
            Console.error("omneo-run: group \(group) was a dry run: it changed nothing, there is nothing to undo")
            throw ExitCode(ExitStatus.usage)
        }
        let list = undoable.map { "\($0.tenant) (run \($0.id))" }.joined(separator: ", ")
        Console.error("\(dryRun ? "dry run: " : "")undo of group \(group): \(undoable.count) run\(undoable.count == 1 ? "" : "s"), on \(list)")
        if Console.isInteractive, !yes, !dryRun {
            let control = RunControl()
            control.catchInterrupts()
            let question = "undo group \(group): take back the status changes of its \(undoable.count) run\(undoable.count == 1 ? "" : "s") on "
                + undoable.map(\.tenantDisplay).joined(separator: ", ")
            guard await control.ask(question) else {
                Console.error("omneo-run: undo of group \(group) not confirmed; nothing was changed")
                return ExitStatus.declined
            }
        }
        var codes: [Int32] = []
        var lines: [String] = []
        for run in undoable {
            let code: Int32
            do {
                code = try await Console.$label.withValue(run.tenant) { try await undo(run, journal: journal, asking: false) }
            } catch let exit as ExitCode {
                code = exit.rawValue
            }
            codes.append(code)
            lines.append("\(run.tenant): run \(run.id): undo \(FanOutExecution.state(code))")
            if code == ExitStatus.interrupted || code == ExitStatus.declined {
                lines.append("group \(group): stopped; the runs after \(run.id) were not undone (`omneo-run undo \(group)` again finishes it)")
                break
            }
        }
        Console.error("")
        Console.error("undo of group \(group):")
        for line in lines { Console.error(line) }
        return FanOutExecution.worst(codes)
    }
}
