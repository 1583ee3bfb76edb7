// `omneo-run resume RUN`: runs the same recipe again as the same run, against the same tenant, with the
// same arguments: email answers are replayed from the journal and writes whose batch was accepted are
// not sent again, so it ends as an uninterrupted run would have.
import OmneoSession
import ArgumentParser
import Foundation
import OmneoJournal
import OmneoRuntime

struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish a run that died or stopped halfway (same recipe, tenant and arguments).",
        discussion: "Refused when the recipe file changed since the run, unless --force (the file is then run as it is now)."
    )

    @Argument(help: "The run's id (or the start of it) from `omneo-run runs`.")
    var id: String

    @Flag(help: "Resume even though the recipe file changed since the run.")
    var force = false

    @OptionGroup var flags: RecipeFlags
    @OptionGroup var target: TenantFlags

    func validate() throws {
        if !flags.arguments.isEmpty { throw ValidationError("resume uses the run's own --arg values; --arg cannot be given") }
        if target.tenant != nil || target.sandbox { throw ValidationError("resume talks to the run's own tenant; --tenant and --sandbox cannot be given") }
        if target.dryRun { throw ValidationError("resume keeps the run's --dry-run setting; it cannot be given") }
        if target.report != nil { throw ValidationError("resume rewrites the run's own report; --report cannot be given") }
    }

    func run() async throws {
        let journal = try JournalAccess.open()
        let record = try JournalAccess.checked { try journal.run(id) }
        if let refusal = Self.refusal(record, force: force) {
            Console.error("omneo-run: \(refusal)")
            throw ExitCode(ExitStatus.usage)
        }
        let earlier = try JournalAccess.checked { try EarlierAttempts(journal: journal, runID: record.id) }
        // Relative paths in the run's arguments (CSV files) meant its working directory.
        if !record.directory.isEmpty, !FileManager.default.changeCurrentDirectoryPath(record.directory) {
            Console.error("omneo-run: cannot enter \(record.directory), the working directory of run \(record.id)")
            throw ExitCode(ExitStatus.usage)
        }
        var options = flags.options(recipe: record.recipePath)
        options.runID = record.id
        options.arguments = record.arguments.map { (key: $0.first ?? "", value: $0.last ?? "") }
        options.dryRun = record.dryRun
        options.reportPath = record.reportPath
        options.log(.info, "resuming run \(record.id) (attempt \(record.attempts + 1)) on tenant \(record.tenant)")
        let execution = RecipeExecution(flags: flags, target: target, tenantName: record.tenant)
        throw ExitCode(await execution.run(options, resuming: (record, journal, earlier)))
    }

    /// Why this run cannot be resumed, or nil.
    static func refusal(_ run: RunRecord, force: Bool) -> String? {
        if run.kind == "undo" {
            return "run \(run.id) is an undo; run `omneo-run undo \(run.undoOf ?? "RUN")` again instead (it only changes what is not yet undone)"
        }
        if !run.resumable { return "run \(run.id) was against the built-in sandbox, which ended with it: there is nothing to resume" }
        if run.exitCode == 0 { return "run \(run.id) finished (exit 0): there is nothing to resume" }
        if run.isRunning { return "run \(run.id) is still running (process \(run.pid ?? 0)); stop it first, or wait for it to end" }
        guard let text = FileContents.read(run.recipePath) else {
            return "cannot read the recipe \(run.recipePath) of run \(run.id); put it back to resume"
        }
        if RunStart.hash(text) != run.recipeHash, !force {
            return "the recipe \(run.recipePath) changed since run \(run.id) (journal \(run.recipeHash), now \(RunStart.hash(text))); "
                + "restore it, or resume with --force to run it as it is now"
        }
        return nil
    }
}
