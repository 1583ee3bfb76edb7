// `omneo-run test [PATH...]`: runs recipe tests (`*_test.lua`), each file against a fresh sandbox tenant.
import OmneoTesting
import ArgumentParser
import Foundation
import Logging
import OmneoClient
import OmneoRuntime
import OmneoSandbox

struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run recipe tests (*_test.lua) against a fresh sandbox tenant each; no account needed."
    )

    @Argument(help: "Test files, or folders searched for *_test.lua (default: recipes/ and stdlib/, or else the current folder; and the --lib folders).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Run only the cases whose name contains this text.", valueName: "TEXT"))
    var filter: String?

    @Option(name: .customLong("tenant-fixture"), help: ArgumentHelp("Seed each file's tenant from this JSON fixture (default: the demo tenant).", valueName: "FILE"))
    var tenantFixture: String?

    @Option(name: .customLong("attribute-shape"), help: ArgumentHelp(
        "How the test tenant shows custom_attributes: object (the default) or array; a recipe should pass on both.",
        valueName: "object|array"), transform: SandboxFlags.attributeShape)
    var attributeShape: AttributeShape?

    @OptionGroup var flags: RecipeFlags

    func run() async throws {
        let searched = paths.isEmpty ? LuaFiles.defaultTestFolders(libraries: flags.libraries) : paths
        let files = try LuaFiles.found(searched, suffix: "_test.lua", command: "test")
        let seed: TenantSeed
        do {
            seed = try tenantFixture.map(TenantSeed.load(path:)) ?? TenantSeed.demo()
        } catch {
            Console.error("omneo-run test: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        var passed = 0, failed = 0
        for file in files {
            let results = await Self.run(file: file, seed: seed, shape: attributeShape, filter: filter, flags: flags)
            passed += results.count(where: \.passed)
            failed += results.count(where: { !$0.passed })
        }
        Console.output("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(ExitStatus.recipeError) }
    }

    /// One file: its own sandbox and client; a file that cannot run at all counts as one failed case.
    static func run(file: String, seed: TenantSeed, shape: AttributeShape?, filter: String?, flags: RecipeFlags) async -> [TestHarness.CaseResult] {
        var configuration = SandboxConfiguration(seed: seed)
        if let shape { configuration.attributeShape = shape }
        configuration.rate = 0
        configuration.batchDelay = .milliseconds(20)
        configuration.faultSeed = 1
        guard let server = try? await SandboxServer.start(configuration) else {
            let result = TestHarness.CaseResult(name: "(start)", passed: false, message: "\(file): the sandbox could not start", seconds: 0)
            print(result, file: file)
            return [result]
        }
        let tenant = TenantConfiguration(name: "sandbox", baseURL: server.baseURL, token: Secret("sandbox-token"), rate: 1000)
        let client = OmneoClient(tenant: tenant, options: ClientOptions(), logger: ConsoleLogLines.logger(verbose: flags.verbose))
        let harness = TestHarness(server: server, filter: filter) { print($0, file: file) }
        var options = flags.options(recipe: file)
        options.client = client
        options.tenant = "sandbox"
        options.extraModules = [OmneoTest.self]
        options.harness = harness
        options.runID = "test"
        let log = flags.verbose
        options.log = { level, message in if log || level == .error || level == .warn { Console.error("    \(level.rawValue): \(message)") } }
        let result = await RecipeRunner.execute(options)
        await client.shutdown()
        await server.shutdown()
        var results = harness.results
        switch result.outcome {
        case .finished:
            break
        case .failed(let message, _), .stopped(let message), .unusable(let message), .refused(let message), .interrupted(let message):
            let failure = TestHarness.CaseResult(name: "(file)", passed: false, message: message, seconds: 0)
            print(failure, file: file)
            results.append(failure)
        }
        return results
    }

    static func print(_ result: TestHarness.CaseResult, file: String) {
        let time = String(format: "%.2f s", result.seconds)
        if result.passed {
            Console.output("ok    \(file): \(result.name) (\(time))")
        } else {
            Console.output("FAIL  \(file): \(result.name)")
            for line in (result.message ?? "failed").split(separator: "\n", omittingEmptySubsequences: false) {
                Console.output("      \(line)")
            }
        }
    }
}
