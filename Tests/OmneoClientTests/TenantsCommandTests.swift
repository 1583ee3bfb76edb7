// `omneo-run tenants [--check]` run as a user would: the listing, the check, and the exit codes.
import Foundation
import OmneoSandbox
import Testing

@Suite struct TenantsCommandTests {
    /// The built omneo-run, beside the test bundle in .build/<config>/.
    private static var binary: String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("omneo-run").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return ".build/debug/omneo-run"
    }

    private func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var base = ProcessInfo.processInfo.environment
        for key in ["OMNEO_CONFIG", "OMNEO_BASE_URL", "OMNEO_TOKEN", "OMNEO_TENANT", "XDG_CONFIG_HOME"] { base[key] = nil }
        process.environment = base.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    private func config(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-tenants-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func listsWithoutTokensAndChecksEach() async throws {
        let server = try await SandboxServer.start(Sandbox.configuration())
        let path = try config("""
            [tenants.local]
            base_url = "\(server.baseURL)"
            token_env = "LOCAL_TOKEN"
            [tenants.readonly]
            base_url = "\(server.baseURL)"
            token_env = "READONLY_TOKEN"
            """)
        let environment = ["OMNEO_CONFIG": path, "LOCAL_TOKEN": "sandbox-token", "READONLY_TOKEN": "sandbox-readonly"]
        let listing = try run(["tenants"], environment: environment)
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout == """
            local     \(server.baseURL)  token: $LOCAL_TOKEN
            readonly  \(server.baseURL)  token: $READONLY_TOKEN

            """)
        let checked = try run(["tenants", "--check", "-v"], environment: environment)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("token: $READONLY_TOKEN  ok (read-profiles, read-statuses)"))
        #expect(checked.stderr.contains("GET /v3/auth/verify 200"))
        let rejected = try run(["tenants", "--check"], environment: environment.merging(["LOCAL_TOKEN": "sandbox-wrong"]) { $1 })
        #expect(rejected.status == 3)
        #expect(rejected.stdout.contains("local     \(server.baseURL)  token: $LOCAL_TOKEN  failed: the token for tenant local was rejected (401 Unauthenticated)"))
        for output in [listing.stdout, listing.stderr, checked.stdout, checked.stderr, rejected.stdout, rejected.stderr] {
            #expect(!output.contains("sandbox-token") && !output.contains("sandbox-readonly") && !output.contains("sandbox-wrong"))
        }
        await server.shutdown()
    }

    @Test func configurationErrorsExitTwo() throws {
        let broken = try run(["tenants"], environment: ["OMNEO_CONFIG": try config("[tenants.x]\nbase_url = \"https://x.example/api\"\n")])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("tenants.x: needs token_env = \"VARIABLE\" or token_file = \"PATH\""))
        let unset = try run(["tenants"], environment: ["OMNEO_CONFIG": try config("[tenants.x]\nbase_url = \"https://x.example/api\"\ntoken_env = \"NOPE_UNSET\"\n")])
        #expect(unset.status == 2)
        #expect(unset.stdout.contains("unusable: tenant 'x': $NOPE_UNSET is not set"))
    }
}
