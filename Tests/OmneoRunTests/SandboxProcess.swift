// A standalone `omneo-run sandbox` for tests that kill and restart runs against one tenant.
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class SandboxProcess {
    let process = Process()
    let url: String

    /// No rate limit of its own and a short batch delay, so a test's runs are quick; `arguments` adds sandbox
    /// options (`--faults ignore_filters`).
    init(batchDelayMS: Int = 100, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: OmneoRunBinary.path)
        process.arguments = ["sandbox", "--port", "0", "--sandbox-rate", "0", "--batch-delay", "\(batchDelayMS)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var banner = ""
        while !banner.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        guard let first = banner.split(separator: "\n").first, let url = first.split(separator: " ").last, url.hasPrefix("http") else {
            process.terminate()
            throw SandboxProcessError(message: "the sandbox did not print its address: \(banner)")
        }
        self.url = String(url)
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// OMNEO_BASE_URL and OMNEO_TOKEN for a run against it, with the journal under `state`.
    func environment(state: URL) -> [String: String] {
        [
            "OMNEO_BASE_URL": url, "OMNEO_TOKEN": "sandbox-token", "XDG_STATE_HOME": state.path,
            "XDG_CONFIG_HOME": state.appendingPathComponent("no-config").path, "OMNEO_TENANT": "",
        ]
    }

    /// Every live profile's statuses (handles sorted, so order of attachment does not matter).
    func statuses() async throws -> [String: [String]] {
        let inspection = try await get("/_sandbox/statuses")
        guard let data = inspection["data"] as? [String: [String]] else { throw SandboxProcessError(message: "bad /_sandbox/statuses answer") }
        return data.mapValues { $0.sorted() }
    }

    /// Requests the sandbox answered so far.
    func requestCount() async throws -> Int {
        (try await get("/_sandbox/stats")["total"] as? NSNumber)?.intValue ?? -1
    }

    /// Somebody else's change, behind the run's back: the tenant's own status batch with the full token,
    /// waited until the sandbox shows it.
    func change(_ profileIDs: [String], handle: String, attach: Bool) async throws {
        var request = URLRequest(url: URL(string: url + "/v3/profile/status/batch.json")!)
        request.httpMethod = attach ? "POST" : "DELETE"
        request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let body = ["profiles": profileIDs.map { ["profile_id": $0, "statuses": [handle]] }]
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (_, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 202 else { throw SandboxProcessError(message: "the batch was not accepted: \(response)") }
        for _ in 0..<100 {
            let now = try await statuses()
            if profileIDs.allSatisfy({ (now[$0] ?? []).contains(handle) == attach }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SandboxProcessError(message: "the sandbox did not apply the batch")
    }

    /// Requests that could change the tenant (anything but GET), as the sandbox counted them.
    func writeCount() async throws -> Int {
        (try await get("/_sandbox/stats")["writes"] as? NSNumber)?.intValue ?? -1
    }

    private func get(_ path: String) async throws -> [String: Any] {
        let base = url.hasSuffix("/api") ? String(url.dropLast(4)) : url
        let (data, _) = try await URLSession.shared.data(from: URL(string: base + path)!)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

struct SandboxProcessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
