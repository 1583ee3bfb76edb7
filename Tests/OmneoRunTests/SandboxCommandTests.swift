// `omneo-run sandbox`: a standalone tenant that says where it listens, and refuses bad options by name.
import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct SandboxCommandTests {
    /// Starts `omneo-run sandbox ARGUMENTS` and reads its banner.
    static func start(_ arguments: [String]) throws -> (process: Process, lines: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: OmneoRunBinary.path)
        process.arguments = ["sandbox", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var banner = ""
        while banner.components(separatedBy: "\n").count < 5 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        return (process, banner.split(separator: "\n").map(String.init))
    }

    static func get(_ url: String) async throws -> (status: Int?, body: Data) {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.setValue("Bearer sandbox-token", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode, data)
    }

    @Test func servesTheDemoTenantAndPrintsHowToUseIt() async throws {
        let (process, lines) = try Self.start(["--fault-seed", "3"])
        defer { process.terminate() }
        let url = try #require(lines.first?.components(separatedBy: " ").last)
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/api"))
        #expect(lines[1].contains("profiles, 12 statuses; tokens: sandbox-token, sandbox-readonly"))
        #expect(lines[2].contains("(seed 3); custom_attributes as an object"))
        #expect(lines[3] == "  try: OMNEO_BASE_URL=\(url) OMNEO_TOKEN=sandbox-token omneo-run RECIPE.lua")

        let (status, data) = try await Self.get(url + "/v3/statuses?filter%5Bhandle%5D=influencer")
        #expect(status == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"handle\":\"influencer\""))
    }

    @Test func attributeShapeArrayServesTheDocumentedList() async throws {
        let (process, lines) = try Self.start(["--attribute-shape", "array"])
        defer { process.terminate() }
        let url = try #require(lines.first?.components(separatedBy: " ").last)
        #expect(lines[2].hasSuffix("custom_attributes as an array"))
        let (_, data) = try await Self.get(url + "/v3/profiles/99dd251d-e512-4482-b929-2d22e255accb")
        let profile = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        let attributes = try #require(profile?["data"]?["custom_attributes"] as? [[String: String]])
        #expect(attributes == [["namespace": "social", "handle": "followers", "type": "integer", "value": "62587"]])
    }

    @Test(arguments: [
        (["--faults", "503=1%"], "omneo-run sandbox: --faults: unknown fault '503' (known: 429, 500, reset, lost, timeout, oversize, item_fail, ignore_filters, drop_new_tags, rival_tags, put_omits_tags)"),
        (["--batch-states", "processing"], "omneo-run sandbox: --batch-states: 'processing' is not STATE=MS or STATE=MS/POLLS (e.g. processing=200)"),
        (["--batch-end", "success,failed,error"], "omneo-run sandbox: --batch-end: 'success,failed,error' is not DONE or DONE,ALLFAILED (e.g. completed,error)"),
        (["--latency", "fast"], "omneo-run sandbox: --latency: 'fast' is not MS or MS±JITTER with 0 <= JITTER <= MS <= 600000 (e.g. 50±10)"),
        (["--seed", "/nonexistent/tenant.json"], "omneo-run sandbox: /nonexistent/tenant.json: cannot read the seed file"),
    ])
    func badOptionsExitTwoNamingThem(arguments: [String], message: String) throws {
        let result = try OmneoRunBinary.run(["sandbox", "--port", "0"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message + "\n")
    }

    @Test func aBadSeedFileIsNamedWithItsEntry() throws {
        let scratch = try Scratch()
        let seed = try scratch.write("tenant.json", #"{"statuses":[{"handle":"vip"},{"handle":"vip"}],"profiles":[]}"#)
        let result = try OmneoRunBinary.run(["sandbox", "--port", "0", "--seed", seed])
        #expect(result.status == 2)
        #expect(result.stderr == "omneo-run sandbox: \(seed): statuses[1]: handle 'vip' is defined twice\n")
    }
}
