// The operator's hold on a run from the terminal: Ctrl-C stops it at the next safe point (a second
// Ctrl-C ends it at once), and the question before its first write to a live tenant.
import Foundation
import OmneoClient

#if canImport(Glibc)
import Glibc
#endif

final class RunControl: @unchecked Sendable {
    /// The run's stop: thrown by Ctrl-C or a declined question, the client sends nothing more.
    let stopSwitch = StopSwitch()
    private let lock = NSLock()
    private var interrupts = 0
    private var declinedQuestion = false
    private var lastWords: [String] = []
    private var catching = false

    static let interruptReason = "interrupted (Ctrl-C)"

    /// True when the run stopped because its first write was not confirmed, not because of Ctrl-C.
    var declined: Bool { lock.withLock { declinedQuestion } }

    /// From now on Ctrl-C throws the stop switch; a second Ctrl-C prints `lastWords` and exits 130 at once
    /// (the journal, one transaction a step, is left as a kill leaves it, and `resume` finishes the run).
    func catchInterrupts() {
        guard lock.withLock({ () -> Bool in
            defer { catching = true }
            return !catching
        }) else { return }
        // The handler only writes a byte to a pipe (all a signal handler may safely do); a thread of its own
        // reads the pipe and does the rest, one Ctrl-C per byte.
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        interruptPipe = ends[1]
        let reading = ends[0]
        Thread.detachNewThread { [self] in
            var byte: UInt8 = 0
            while read(reading, &byte, 1) == 1 { interrupted() }
        }
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = write(interruptPipe, &byte, 1)
        }
    }

    /// What a second Ctrl-C prints before the process ends: the run and how to finish or undo it.
    func onSecondInterrupt(_ lines: [String]) { lock.withLock { lastWords = lines } }

    private func interrupted() {
        let (count, words) = lock.withLock { () -> (Int, [String]) in
            interrupts += 1
            return (interrupts, lastWords)
        }
        if count == 1 {
            stopSwitch.stop(Self.interruptReason)
            Console.error("omneo-run: stopping: no new request is sent; the ones in flight are answered and journaled (Ctrl-C again stops at once)")
            return
        }
        Console.answered(newline: false)
        Console.error("omneo-run: stopped at once (second Ctrl-C); the journal holds everything up to here")
        for line in words { Console.error(line) }
        _exit(ExitStatus.interrupted)
    }

    /// The question before the first write: `QUESTION? [y/N] ` on stderr, the answer a line of stdin. Only
    /// `y` or `yes` (any case) goes on; end of input and Ctrl-C are a no.
    func ask(_ question: String) async -> Bool {
        Console.ask(question + "? [y/N] ")
        let reply = OneReply()
        // The read blocks its thread until a line comes: a thread of its own, not one of the task pool's.
        Thread.detachNewThread { reply.give(readLine(strippingNewline: true)) }
        let stop = stopSwitch
        let watcher = Task {
            await stop.wait()
            if !Task.isCancelled { reply.give(nil) }
        }
        let answer = await reply.value
        watcher.cancel()
        Console.answered(newline: answer == nil)
        let yes = ["y", "yes"].contains(answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
        if !yes { lock.withLock { declinedQuestion = !stopSwitch.isStopped } }
        return yes
    }
}

/// Where the SIGINT handler writes (set before the handler is installed).
nonisolated(unsafe) private var interruptPipe: Int32 = -1

/// The first of several answers (a typed line, or the stop), handed to the one task waiting for it.
private final class OneReply: @unchecked Sendable {
    private let lock = NSLock()
    private var given: String??
    private var waiter: CheckedContinuation<String?, Never>?

    func give(_ value: String?) {
        let waiting = lock.withLock { () -> CheckedContinuation<String?, Never>? in
            guard given == nil else { return nil }
            given = .some(value)
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: value)
    }

    var value: String? {
        get async {
            await withCheckedContinuation { continuation in
                let ready = lock.withLock { () -> String?? in
                    if let given { return given }
                    waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
