// A plain HTTP client for the contract tests: what a tenant answers, byte for byte, over a real socket.
import OmneoModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OmneoSandbox

struct SandboxAnswer {
    var status: Int
    var headers: HTTPHeaders
    var json: JSONValue

    var data: JSONValue { json["data"] ?? .null }
    var message: String? { json["message"]?.stringValue }
    var fieldErrors: [String: JSONValue] { json["errors"]?.objectValue ?? [:] }
}

struct SandboxHTTP {
    let server: SandboxServer
    var token: String? = "sandbox-token"

    func get(_ path: String, token: String? = nil) async throws -> SandboxAnswer {
        try await send(.GET, path, body: nil, token: token)
    }

    func post(_ path: String, _ body: JSONValue?, token: String? = nil) async throws -> SandboxAnswer {
        try await send(.POST, path, body: body, token: token)
    }

    func put(_ path: String, _ body: JSONValue?) async throws -> SandboxAnswer {
        try await send(.PUT, path, body: body, token: nil)
    }

    func delete(_ path: String, _ body: JSONValue? = nil) async throws -> SandboxAnswer {
        try await send(.DELETE, path, body: body, token: nil)
    }

    /// `path` hangs off the base URL (`/v3/statuses`), or off the host when it starts with `/_sandbox`.
    func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, token: String?) async throws -> SandboxAnswer {
        let root = path.hasPrefix("/_sandbox") ? "http://127.0.0.1:\(server.port)" : server.baseURL
        // Foundation's URL re-encodes a whole query holding a raw `[` (turning %40 into %2540): encode brackets first.
        let target = path.replacingOccurrences(of: "[", with: "%5B").replacingOccurrences(of: "]", with: "%5D")
        var request = HTTPClientRequest(url: root + target)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let bearer = token ?? self.token { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        let json = bytes.readableBytes == 0 ? JSONValue.null : try JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))
        return SandboxAnswer(status: Int(response.status.code), headers: response.headers, json: json)
    }

    /// Polls a batch until it reaches its end (`pending`, then `processing`, then `success` or `failed`).
    func finished(_ batchID: String) async throws -> JSONValue {
        for _ in 0..<500 {
            let batch = try await get("/v3/batches/\(batchID)").data
            if let status = batch["status"]?.stringValue, ["success", "failed"].contains(status) { return batch }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }

    /// Sends a status batch and waits for it; returns the finished batch.
    func statusBatch(_ method: HTTPMethod, _ entries: [(String, [String])]) async throws -> JSONValue {
        let body: JSONValue = .object(["profiles": .array(entries.map { id, handles in
            .object(["profile_id": .string(id), "statuses": .array(handles.map(JSONValue.string))])
        })])
        let answer = try await send(method, "/v3/profile/status/batch.json", body: body, token: nil)
        guard answer.status == 202, let batchID = answer.data["batch_id"]?.stringValue else {
            throw SandboxTestError("status batch answered \(answer.status): \(answer.json)")
        }
        return try await finished(batchID)
    }
}

struct SandboxTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A small tenant whose every profile the tests know by id.
enum SmallTenant {
    static let statuses = ["vip", "staff", "influencer", "media"].enumerated().map { index, handle in
        StatusDefinition(id: index + 1, handle: handle, name: handle.capitalized, sortOrder: index + 1)
    }

    static func seed(profiles count: Int = 6) -> TenantSeed {
        var profiles: [[String: JSONValue]] = (1...count).map { n in
            [
                "id": .string("p\(n)"), "first_name": .string("Person\(n)"), "last_name": "Example",
                "email": .string("person\(n)@example.com"), "statuses": n % 2 == 0 ? ["staff"] : [],
            ]
        }
        profiles[0]["email"] = " Jane.Doe@Example.COM "
        profiles[0]["statuses"] = ["vip", "staff"]
        profiles[0]["identities"] = .array([.object(["handle": "shopify", "identifier": "SH-1", "is_active": true])])
        profiles[1]["email"] = "shared@example.com"
        profiles[2]["email"] = "SHARED@example.com"
        profiles[3]["email"] = "jane+vip@example.com"
        return TenantSeed(statuses: statuses, profiles: profiles)
    }

    static func configuration(profiles count: Int = 6) -> SandboxConfiguration {
        var configuration = SandboxConfiguration(seed: seed(profiles: count))
        configuration.rate = 0
        configuration.batchDelay = .milliseconds(20)
        configuration.faultSeed = 7
        return configuration
    }
}

/// Runs `body` against a fresh sandbox, and always stops it.
func withSandbox<T>(
    _ configuration: SandboxConfiguration = SmallTenant.configuration(),
    _ body: (SandboxHTTP) async throws -> T
) async throws -> T {
    let server = try await SandboxServer.start(configuration)
    do {
        let result = try await body(SandboxHTTP(server: server))
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}
