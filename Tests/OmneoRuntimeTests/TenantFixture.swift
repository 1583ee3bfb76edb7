// Test helper: a sandbox tenant over real HTTP and recipes run against it through the full runtime.
@testable import OmneoSession
import Foundation
import Logging
import OmneoClient
@testable import OmneoRuntime
import OmneoSandbox

struct TenantRun {
    let result: RecipeResult
    let log: [String]
    let reportRows: [[String]]

    var outcome: RecipeOutcome { result.outcome }
    var counts: [String: Int] { result.summary.outcomes }
}

final class TenantFixture {
    let server: SandboxServer
    let client: OmneoClient
    let scratch: RecipeFixture

    /// The demo tenant unless `seed` is given; no rate limit, a short batch delay, a fast client.
    init(seed: TenantSeed? = nil, faults: String? = nil, latency: Double = 0, attributes: AttributeShape? = nil) async throws {
        var configuration = try seed.map { SandboxConfiguration(seed: $0) } ?? SandboxConfiguration.demo()
        if let attributes { configuration.attributeShape = attributes }
        configuration.rate = 0
        configuration.batchDelay = .milliseconds(20)
        configuration.faultSeed = 5
        if let faults { configuration.faults = try FaultSpec(parsing: faults) }
        configuration.latency = Latency(milliseconds: latency)
        server = try await SandboxServer.start(configuration)
        let tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret("sandbox-token"))
        var options = ClientOptions(rate: 2000)
        options.backoffBase = 0.01
        client = OmneoClient(tenant: tenant, options: options, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        scratch = try RecipeFixture()
    }

    func close() async {
        await client.shutdown()
        await server.shutdown()
    }

    static let recipes = StdlibLocator.sourceTree + "/recipes"

    /// Runs a shipped recipe (`recipes/NAME`) or, with `source`, a recipe written into the scratch folder.
    func run(
        _ name: String, source: String? = nil, arguments: [(String, String)] = [], dryRun: Bool = false, allowPurge: Bool = false,
        journal: RunJournal? = nil, concurrency: Int = 64
    ) async throws -> TenantRun {
        let path = try source.map { try scratch.write(name, $0) } ?? (Self.recipes + "/" + name)
        let capture = LogCapture()
        var options = RecipeOptions(recipePath: path)
        options.arguments = arguments.map { (key: $0.0, value: $0.1) }
        options.stdlibDirectory = StdlibLocator.sourceTree + "/stdlib"
        options.verbosity = .verbose
        options.log = { level, message in capture.append("\(level.rawValue): \(message)") }
        options.client = client
        options.tenant = "sandbox"
        options.dryRun = dryRun
        options.allowPurge = allowPurge
        options.concurrency = concurrency
        options.runID = journal?.runID ?? UUID().uuidString
        options.journal = journal
        options.reportPath = scratch.directory.appendingPathComponent("report-\(options.runID).csv").path
        let result = await RecipeRunner.execute(options)
        let report = (try? String(contentsOfFile: options.reportPath!, encoding: .utf8)) ?? ""
        let rows = report.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return TenantRun(result: result, log: capture.all, reportRows: rows)
    }

    /// Every profile's statuses, to compare before and after a run.
    func snapshot() async throws -> [String: [String]] {
        let seed = server.configuration.seed
        var statuses: [String: [String]] = [:]
        for profile in seed.profiles {
            guard let id = profile["id"]?.stringValue else { continue }
            statuses[id] = await server.store.statuses(ofProfile: id)
        }
        return statuses
    }

    var writes: Int { server.requestLog.writeCount }
}

/// What changed between two snapshots: per profile, handles added and removed.
func changes(_ before: [String: [String]], _ after: [String: [String]]) -> [String: (added: Set<String>, removed: Set<String>)] {
    var result: [String: (Set<String>, Set<String>)] = [:]
    for (id, old) in before {
        let new = after[id] ?? []
        let added = Set(new).subtracting(old), removed = Set(old).subtracting(new)
        if !added.isEmpty || !removed.isEmpty { result[id] = (added, removed) }
    }
    return result
}
