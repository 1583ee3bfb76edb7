// Retries under injected faults: reads retried until they succeed or run out, writes only when certainly unapplied.
import OmneoModel
import OmneoClient
import OmneoSandbox
import Testing

@Suite struct RetryTests {
    private func faulty(_ spec: String, rate: Double = 100_000) throws -> SandboxConfiguration {
        var configuration = Sandbox.configuration(rate: rate)
        configuration.faults = try FaultSpec(parsing: spec)
        configuration.hangDuration = .milliseconds(1500)
        return configuration
    }

    private func options(attempts: Int) -> ClientOptions {
        var options = Sandbox.options()
        options.maxAttempts = attempts
        return options
    }

    @Test func readsAreRetriedUntilTriesRunOut() async throws {
        try await Sandbox.with(try faulty("500=100%"), options: options(attempts: 3)) { server, client in
            let error = await #expect(throws: OmneoClientError.self) { try await client.profile(id: "p1") }
            let text = try #require(error?.description)
            #expect(text.hasPrefix("GET /v3/profiles/p1 failed after 3 tries over "))
            #expect(text.hasSuffix("; last answer: 500 Server Error"))
            #expect(error?.code == "exhausted" && error?.stopsTheRun == true)
            #expect(server.requestLog.total == 3)
            #expect(client.statistics.retries == 2)
        }
    }

    /// A create whose answer was lost may have made the profile: not re-sent (the session reads it back).
    @Test func writesThatMayHaveLandedAreNotResent() async throws {
        for spec in ["500=100%", "reset=100%", "lost=100%"] {
            try await Sandbox.with(try faulty(spec), options: options(attempts: 3)) { server, client in
                let error = await #expect(throws: OmneoClientError.self) {
                    try await client.createProfile(try ProfileFields(["email": "new@example.com"]))
                }
                #expect(error?.isUncertain == true, "\(spec)")
                #expect(error?.description.hasPrefix("POST /v3/profiles may or may not have been applied") == true)
                await Sandbox.settle(server, atLeast: 1)
                try await Task.sleep(for: .milliseconds(100))
                #expect(server.requestLog.total == 1, "\(spec)")
            }
        }
    }

    /// The status batches are additive and de-duplicated (re-sending is a no-op, omneo-api.md): an
    /// answer lost, or a 5xx, is sent again like a read, until the tries run out.
    @Test func idempotentStatusBatchesAreResentWhenTheAnswerIsLost() async throws {
        for spec in ["500=100%", "reset=100%", "lost=100%"] {
            try await Sandbox.with(try faulty(spec), options: options(attempts: 3)) { server, client in
                let error = await #expect(throws: OmneoClientError.self) {
                    try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
                }
                #expect(error?.code == "exhausted", "\(spec): \(error?.description ?? "")")
                await Sandbox.settle(server, atLeast: 3)
                #expect(server.requestLog.total == 3, "\(spec)")
            }
        }
    }

    @Test func resetsAndTimeoutsRetryReads() async throws {
        try await Sandbox.with(try faulty("reset=100%"), options: options(attempts: 2)) { server, client in
            let error = await #expect(throws: OmneoClientError.self) { try await client.statuses() }
            #expect(error?.description.hasSuffix("; last answer: none (connection reset)") == true, "\(String(describing: error))")
            await Sandbox.settle(server, atLeast: 2)
            #expect(server.requestLog.total == 2)
        }
        var options = options(attempts: 2)
        options.requestTimeout = 0.3
        try await Sandbox.with(try faulty("timeout=100%"), options: options) { _, client in
            let error = await #expect(throws: OmneoClientError.self) { try await client.verifyToken() }
            #expect(error?.description.hasSuffix("; last answer: none (timed out after 0.3 s)") == true, "\(String(describing: error))")
        }
    }

    @Test func writesAreRetriedWhenCertainlyNotApplied() async throws {
        // 429: the tenant turned the write away unprocessed.
        try await Sandbox.with(try faulty("429=100%"), options: options(attempts: 2)) { server, client in
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
            }
            #expect(error?.description.hasSuffix("; last answer: 429 Too Many Attempts. (Retry-After 1 s)") == true, "\(String(describing: error))")
            #expect(server.requestLog.total == 2)
        }
        // Nobody listening: the write never left.
        let server = try await SandboxServer.start(Sandbox.configuration())
        let tenant = Sandbox.tenant(server)
        await server.shutdown()
        let client = OmneoClient(tenant: tenant, options: options(attempts: 3), logger: .init(label: "test"))
        let error = await #expect(throws: OmneoClientError.self) {
            try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])])
        }
        await client.shutdown()
        #expect(error?.description.contains("failed after 3 tries") == true, "\(String(describing: error))")
        #expect(error?.description.contains("last answer: none (connection refused") == true, "\(String(describing: error))")
        #expect(client.statistics.requestsSent == 3)
    }
}
