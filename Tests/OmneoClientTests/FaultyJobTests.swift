// A 5,000-call job against a tenant that fails on purpose: every call ends, and every try is accounted for.
import OmneoModel
import OmneoClient
import OmneoSandbox
import Testing

extension TimedSuites {
    @Suite struct FaultyJobTests {
        private enum Call: Sendable {
            case read(Int)
            case page(Int)
            case write(Int)

            init(_ index: Int) {
                switch index % 20 {
                case 0: self = .write(index)
                case 1: self = .page(index)
                default: self = .read(index)
                }
            }

            var isWrite: Bool {
                if case .write = self { return true }
                return false
            }
        }

        private struct Outcome: Sendable {
            var call: Call
            var error: OmneoClientError?
        }

        @Test func fiveThousandCallsUnderFaultsAreAllAccountedFor() async throws {
            var configuration = Sandbox.configuration(profiles: 50, rate: 100_000)
            configuration.faults = try FaultSpec(parsing: "429=5%,500=2%,reset=1%")
            configuration.faultSeed = 42
            configuration.hangDuration = .milliseconds(100)
            var options = Sandbox.options(rate: 1000)
            options.maxAttempts = 8
            options.retryBudget = 30
            options.maxConnections = 32

            try await Sandbox.with(configuration, options: options) { server, client in
                let outcomes = try await run(5000, concurrency: 64, on: client)
                let statistics = client.statistics
                let failures = outcomes.filter { $0.error != nil }

                // Every call ended one way or the other, and the client's books agree.
                #expect(outcomes.count == 5000)
                #expect(statistics.calls == 5000)
                #expect(statistics.callsSucceeded == 5000 - failures.count)
                #expect(statistics.callsFailed == failures.count)
                #expect(statistics.retries == statistics.requestsSent - statistics.calls)
                // The tenant's X-RateLimit-Remaining showed budget to spare: each injected 429 held only its own request.
                #expect(statistics.pauses == 0)

                // Every try the client sent, the tenant saw: answers by status, and dropped connections (status 0).
            await Sandbox.settle(server, atLeast: statistics.requestsSent)
                #expect(server.requestLog.total == statistics.requestsSent)
                let served = server.requestLog.countsByStatus
                #expect(served[0, default: 0] == statistics.transportFailures)
                #expect(served.filter { $0.key != 0 } == statistics.answersByStatus)
                #expect(served[429, default: 0] > 100 && served[500, default: 0] > 40 && served[0, default: 0] > 10)

                // Every call got through: reads, and the status batches too, which are idempotent and so
                // re-sent when an answer was lost. Each write was accepted exactly once (these faults all
                // strike before the tenant processes the request).
                #expect(failures.isEmpty, "\(failures.prefix(3).map { $0.error?.description ?? "" })")
                let writeEntries = server.requestLog.entries().filter(\.isWrite)
                #expect(writeEntries.contains { $0.status == 500 || $0.status == 0 })
                #expect(writeEntries.filter { $0.status == 202 }.count == outcomes.filter(\.call.isWrite).count)
            }
        }

        private func run(_ count: Int, concurrency: Int, on client: OmneoClient) async throws -> [Outcome] {
            try await withThrowingTaskGroup(of: Outcome.self) { group in
                var outcomes: [Outcome] = []
                var next = 0
                func add() {
                    let call = Call(next)
                    next += 1
                    group.addTask { await perform(call, on: client) }
                }
                for _ in 0..<concurrency { add() }
                while let outcome = try await group.next() {
                    outcomes.append(outcome)
                    if next < count { add() }
                }
                return outcomes
            }
        }

        private func perform(_ call: Call, on client: OmneoClient) async -> Outcome {
            do {
                switch call {
                case .read(let index):
                    let id = "p\(index % 50 + 1)"
                    let profile = try await client.profile(id: id)
                    #expect(profile?.id == id)
                case .page(let index):
                    let page = try await client.profilePage(filters: ["statuses.handle": "staff"], page: index % 5 + 1, size: 10)
                    #expect(page.profiles.count == 10)
                case .write(let index):
                    _ = try await client.attachStatuses([StatusAssignment(profileID: "p\(index % 50 + 1)", statuses: ["vip"])])
                }
                return Outcome(call: call, error: nil)
            } catch let error as OmneoClientError {
                return Outcome(call: call, error: error)
            } catch {
                Issue.record("not an OmneoClientError: \(error)")
                return Outcome(call: call, error: nil)
            }
        }
    }
}
