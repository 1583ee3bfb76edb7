// Memory of a standalone sandbox under a long mixed load: reads, email lookups and status batches.
// Usage: omneo-bench-sandbox PATH-TO-omneo-run [REQUESTS] ; prints the server's RSS at each tenth.
import AsyncHTTPClient
import Foundation
import NIOCore

@main
struct SandboxSoak {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            print("usage: omneo-bench-sandbox PATH-TO-omneo-run [REQUESTS]")
            exit(2)
        }
        let total = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
        let port = 18_000 + Int.random(in: 0..<2000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: arguments[1])
        server.arguments = ["sandbox", "--port", String(port), "--rate", "0", "--batch-delay", "0"]
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        let base = "http://127.0.0.1:\(port)/api"
        try await waitUntilUp(base)

        let ids = try await profileIDs(base)
        let emails = try await profileEmails(base)
        print("sandbox pid \(server.processIdentifier), \(total) requests, 16 at a time")
        print("requests      RSS MB   req/s")
        let start = ContinuousClock.now
        var previous = start
        let step = total / 10
        for tenth in 1...10 {
            try await load(base: base, from: (tenth - 1) * step, count: step, ids: ids, emails: emails)
            let now = ContinuousClock.now
            let rate = Double(step) / seconds(now - previous)
            previous = now
            print(String(format: "%8d  %9.1f  %6.0f", tenth * step, rss(of: server.processIdentifier), rate))
        }
        print(String(format: "elapsed %.1f s", seconds(ContinuousClock.now - start)))
    }

    static func load(base: String, from first: Int, count: Int, ids: [String], emails: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<16 {
                group.addTask {
                    for n in stride(from: first + worker, to: first + count, by: 16) {
                        try await request(base: base, n: n, ids: ids, emails: emails)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// 8 in 10 look up an email, 1 reads a profile, 1 sends a status batch (attach, then detach).
    static func request(base: String, n: Int, ids: [String], emails: [String]) async throws {
        var request: HTTPClientRequest
        switch n % 10 {
        case 0:
            request = HTTPClientRequest(url: "\(base)/v3/profile/status/batch.json")
            request.method = (n / 10) % 2 == 0 ? .POST : .DELETE
            let entries = (0..<10).map { "{\"profile_id\":\"\(ids[(n + $0) % ids.count])\",\"statuses\":[\"media\"]}" }
            request.body = .bytes(ByteBuffer(string: "{\"profiles\":[\(entries.joined(separator: ","))]}"))
            request.headers.add(name: "Content-Type", value: "application/json")
        case 1:
            request = HTTPClientRequest(url: "\(base)/v3/profiles/\(ids[n % ids.count])")
        default:
            let email = emails[n % emails.count].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            request = HTTPClientRequest(url: "\(base)/v3/profiles?filter%5Bemail%5D=\(email)")
        }
        request.headers.add(name: "Authorization", value: "Bearer sandbox-token")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        guard response.status.code < 300 else { throw BenchError("\(request.method) \(request.url): \(response.status)") }
    }

    static func profileIDs(_ base: String) async throws -> [String] {
        try await page(base).compactMap { $0["id"] as? String }
    }

    static func profileEmails(_ base: String) async throws -> [String] {
        try await page(base).compactMap { ($0["email"] as? String)?.trimmingCharacters(in: .whitespaces) }
    }

    static func page(_ base: String) async throws -> [[String: Any]] {
        var request = HTTPClientRequest(url: "\(base)/v3/profiles?page%5Bsize%5D=100")
        request.headers.add(name: "Authorization", value: "Bearer sandbox-token")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 8 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return json?["data"] as? [[String: Any]] ?? []
    }

    static func waitUntilUp(_ base: String) async throws {
        for _ in 0..<100 {
            var request = HTTPClientRequest(url: "\(base)/v3/auth/verify")
            request.headers.add(name: "Authorization", value: "Bearer sandbox-token")
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("the sandbox did not start")
    }

    static func rss(of pid: Int32) -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
