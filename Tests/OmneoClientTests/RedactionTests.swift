// The token never shows: not in -v request logs, retry notices, error messages, or a printed configuration.
import OmneoModel
import Foundation
@testable import OmneoClient
import OmneoSandbox
import Testing

extension TimedSuites {
    @Suite struct RedactionTests {
        static let token = "sk_live_7Hq2ZpSECRETw9Xv4"
        static let readOnly = "sk_live_ro_SECRET_k3Jd8"
        static let wrong = "sk_live_wrong_SECRET_p0Lm2"

        @Test func noOutputOfAVerboseRunHoldsTheToken() async throws {
            var configuration = Sandbox.configuration(profiles: 10, rate: 100_000)
            configuration.seed.tokens = [
                SandboxToken(token: Self.token, scopes: SandboxToken.allScopes),
                SandboxToken(token: Self.readOnly, scopes: ["read-profiles", "read-statuses"]),
            ]
            configuration.faults = try FaultSpec(parsing: "429=10%,500=10%,reset=10%")
            configuration.hangDuration = .milliseconds(100)
            let capture = LogCapture()
            var texts: [String] = []
            var options = Sandbox.options()
            options.maxAttempts = 4
            let server = try await SandboxServer.start(configuration)
            for token in [Self.token, Self.readOnly, Self.wrong] {
                let tenant = TenantConfiguration(name: "acme", baseURL: server.baseURL, token: Secret(token))
                texts += [String(describing: tenant), String(reflecting: tenant), "\(tenant.token)", dumped(tenant)]
                let client = OmneoClient(tenant: tenant, options: options, logger: capture.logger())
                texts += await exercise(client)
                await client.shutdown()
            }
            await server.shutdown()

            let lines = capture.all
            // The run did log requests, retries and failures, so there was something to leak.
            #expect(lines.contains { $0.contains("GET /v3/profiles/p1 200") })
            #expect(lines.contains { $0.contains("retrying in") })
            #expect(texts.contains { $0.contains("was rejected (401") })
            #expect(texts.contains { $0.contains("lacks the update-profiles scope") })
            for text in lines + texts {
                for secret in [Self.token, Self.readOnly, Self.wrong] {
                    #expect(!text.contains(secret), "token in: \(text)")
                }
                #expect(!text.lowercased().contains("bearer"), "authorization header in: \(text)")
            }
        }

        @Test func aSecretPrintsAsRedactedAndIsCutFromEchoes() {
            let secret = Secret(Self.token)
            #expect(secret.description == "[redacted]" && secret.debugDescription == "[redacted]")
            #expect(!dumped(secret).contains(Self.token))
            #expect(secret.scrub("bad token \(Self.token)!") == "bad token [redacted]!")
            #expect(secret.scrub(Data(#"{"message":"\#(Self.token) expired"}"#.utf8)) == Data(#"{"message":"[redacted] expired"}"#.utf8))
        }

        /// A tenant that echoes the token JSON-escaped gets past a scrub of the bytes; the decoded answer
        /// is scrubbed as well, so no string of it reaches the caller (or Lua) in clear.
        @Test func aTokenEchoedJSONEscapedIsCutAfterDecoding() throws {
            let token = Secret("sk/live/SECRET")
            let escaped = #"{"data":{"id":"p1","first_name":"sk\/live\/SECRET","note":"sk/live/SECRET here","tags":["sk\/live\/SECRET"]}}"#
            let response = APIResponse(status: 200, body: Data(escaped.utf8), token: token)
            let json = try #require(response.json)
            #expect(json["data"]?["first_name"]?.stringValue == "[redacted]")
            #expect(json["data"]?["note"]?.stringValue == "[redacted] here")
            #expect(json["data"]?["tags"]?.arrayValue?.first?.stringValue == "[redacted]")
            #expect(!String(decoding: json.serialized(), as: UTF8.self).contains("SECRET"))
            // Plain echoes are cut from the bytes already (the fast path: no backslash, no second walk).
            let plain = APIResponse(status: 422, body: Data(#"{"message":"sk/live/SECRET is wrong"}"#.utf8), token: token)
            #expect(plain.message == "[redacted] is wrong")
        }

        /// A tenant's identity carries a salted fingerprint of the token, never the token.
        @Test func theFingerprintTellsTokensApartAndHoldsNoneOfThem() {
            let secret = Secret(Self.token)
            let print = secret.fingerprint(salt: "s1")
            #expect(print.count == 16 && print.allSatisfy(\.isHexDigit))
            #expect(print == Secret(Self.token).fingerprint(salt: "s1"))
            #expect(print != Secret(Self.readOnly).fingerprint(salt: "s1"))
            #expect(print != secret.fingerprint(salt: "s2"))
            #expect(!print.contains("SECRET"))
            let tenant = TenantConfiguration(name: "default", baseURL: "https://api.acme.getomneo.com/api/", token: secret)
            #expect(tenant.identity(salt: "s1").key == "https://api.acme.getomneo.com/api " + print)
        }

        /// Every kind of call, each error's message collected.
        private func exercise(_ client: OmneoClient) async -> [String] {
            var texts: [String] = []
            func attempt(_ body: () async throws -> Void) async {
                do { try await body() } catch { texts += [String(describing: error), String(reflecting: error), "\(error)"] }
            }
            await attempt { _ = try await client.verifyToken() }
            for index in 1...10 { await attempt { _ = try await client.profile(id: "p\(index)") } }
            await attempt { _ = try await client.statuses() }
            await attempt { _ = try await client.profilePage(filters: ["email": "user1@example.com"], page: 1, size: 10) }
            await attempt { _ = try await client.batch(id: "missing") }
            await attempt { _ = try await client.createProfile(try ProfileFields(["email": "not-an-email"])) }
            for _ in 0..<5 {
                await attempt { _ = try await client.attachStatuses([StatusAssignment(profileID: "p1", statuses: ["vip"])]) }
            }
            return texts
        }

        private func dumped(_ value: some Any) -> String {
            var text = ""
            dump(value, to: &text)
            return text
        }
    }
}
