// The live progress line of a run on a terminal: phase, count, requests, rate and ETA, four times a second.
import OmneoSession
import OmneoClient
import OmneoRuntime

struct ProgressTicker {
    private let task: Task<Void, Never>

    /// Nil when stderr is not a terminal: on a pipe, nothing but the summary is printed.
    static func start(progress: RunProgress, client: OmneoClient) -> ProgressTicker? {
        guard Console.stderrIsTerminal else { return nil }
        return ProgressTicker(task: Task {
            let started = ContinuousClock.now
            var phase = (name: "", started: started)
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                let state = progress.snapshot
                if state.phase != phase.name { phase = (state.phase, .now) }
                Console.progress(line(
                    state, requests: client.statistics.requestsSent,
                    seconds: seconds(since: started), phaseSeconds: seconds(since: phase.started)
                ))
            }
        })
    }

    private static func seconds(since instant: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - instant).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }

    static func line(_ state: RunProgress.Snapshot, requests: Int, seconds: Double, phaseSeconds: Double) -> String {
        let rate = seconds > 0 ? Double(requests) / seconds : 0
        var parts: [String] = []
        if !state.phase.isEmpty {
            var phase = "\(state.phase) \(state.done)/\(state.total)"
            if state.done > 0, state.done < state.total {
                let eta = Double(state.total - state.done) * phaseSeconds / Double(state.done)
                phase += " (ETA \(Int(eta.rounded(.up))) s)"
            }
            parts.append(phase)
        }
        parts.append("\(state.rows) rows")
        parts.append("\(requests) requests")
        parts.append("\(Int(rate.rounded())) req/s")
        return parts.joined(separator: " · ")
    }

    func stop() {
        task.cancel()
        Console.progress("")
    }
}
