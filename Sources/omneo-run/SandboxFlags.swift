// How a sandbox tenant is set up, shared by `omneo-run sandbox` and `omneo-run --sandbox RECIPE.lua`.
import ArgumentParser
import OmneoSandbox

struct SandboxFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Seed the tenant from this JSON fixture instead of the demo tenant.", valueName: "FILE"))
    var seed: String?

    @Option(help: ArgumentHelp("Added latency per answer in milliseconds, with optional jitter: 50 or 50±10.", valueName: "MS"))
    var latency: String?

    @Option(name: .customLong("sandbox-rate"), help: ArgumentHelp("The sandbox's own limit: requests per second per token (0: none).", valueName: "R"))
    var sandboxRate: Double = 20

    @Option(help: ArgumentHelp("Injected faults, e.g. \"429=5%,500=2%,reset=1%,lost=1%,timeout=0.5%,item_fail=1%\"; ignore_filters answers every profile search unfiltered; drop_new_tags drops unknown tags; put_omits_tags answers a tag PUT without them; rival_tags=N changes a profile's tags after each of its first N reads.", valueName: "SPEC"))
    var faults: String?

    @Option(name: .customLong("fault-seed"), help: ArgumentHelp("Seed of the fault and latency draws, to replay a run.", valueName: "N"))
    var faultSeed: UInt64?

    @Option(name: .customLong("batch-delay"), help: ArgumentHelp("How long the queue waits before processing a batch.", valueName: "MS"))
    var batchDelay: Int = 300

    @Option(name: .customLong("attribute-shape"), help: ArgumentHelp(
        "How profiles show custom_attributes: object (the default: keyed by namespace then handle, as a live tenant sends it) or array (the documented list).",
        valueName: "object|array"), transform: Self.attributeShape)
    var attributeShape: AttributeShape?

    @Option(name: .customLong("repeated-filter-keys"), help: ArgumentHelp("How a filter key sent more than once is read: last (the last one alone, as PHP parses a query: the default) or any (any of them, as the contract says the vendor documents).", valueName: "last|any"), transform: Self.repeatedFilterKeys)
    var repeatedFilterKeys: RepeatedFilterKeys?

    @Option(name: .customLong("repeated-identity"), help: ArgumentHelp(
        "What adding an identity whose handle the profile already has does: added (the default: a second one with that handle) or refused (a 422).",
        valueName: "added|refused"), transform: Self.repeatedIdentity)
    var repeatedIdentity: RepeatedIdentity?

    @Option(name: .customLong("batch-states"), help: ArgumentHelp("States a batch reports after pending and before its end, each STATE=MS, or STATE=MS/POLLS to hold it until that many polls saw it (default processing=100; none: straight to the end).", valueName: "SPEC"))
    var batchStates: String?

    @Option(name: .customLong("batch-end"), help: ArgumentHelp("The states a batch ends in: DONE, or DONE,ALLFAILED for a batch whose every item failed (default success,failed; e.g. completed,error, or a word no client knows).", valueName: "STATES"))
    var batchEnd: String?

    @Option(name: .customLong("generated-profiles"), help: ArgumentHelp("Add this many made-up profiles (gen-000001@bench.example.com, ...) to the seed: a tenant as large as a real one.", valueName: "N"))
    var generatedProfiles = 0

    func validate() throws {
        if generatedProfiles < 0 || generatedProfiles > 2_000_000 {
            throw ValidationError("--generated-profiles must be between 0 and 2000000 (got \(generatedProfiles))")
        }
        if !(sandboxRate >= 0 && sandboxRate <= 1_000_000) {
            throw ValidationError("--sandbox-rate must be 0 (no limit) up to 1000000 (got \(CommandLineArguments.shown(sandboxRate)))")
        }
        if !(0...3_600_000).contains(batchDelay) { throw ValidationError("--batch-delay must be 0 to 3600000 milliseconds (an hour) (got \(batchDelay))") }
    }

    static func repeatedFilterKeys(_ text: String) throws -> RepeatedFilterKeys {
        guard let reading = RepeatedFilterKeys(rawValue: text) else { throw ValidationError("expected last or any") }
        return reading
    }

    static func attributeShape(_ text: String) throws -> AttributeShape {
        guard let shape = AttributeShape(rawValue: text) else { throw ValidationError("expected object or array") }
        return shape
    }

    static func repeatedIdentity(_ text: String) throws -> RepeatedIdentity {
        guard let rule = RepeatedIdentity(rawValue: text) else { throw ValidationError("expected added or refused") }
        return rule
    }

    /// The configuration these flags describe; a bad value or seed file throws a message naming it.
    func configuration(port: Int = 0) throws(SandboxConfigurationError) -> SandboxConfiguration {
        var tenant = if let seed { try TenantSeed.load(path: seed) } else { try TenantSeed.demo() }
        tenant.generateProfiles(generatedProfiles)
        var configuration = SandboxConfiguration(seed: tenant)
        configuration.port = port
        configuration.rate = sandboxRate
        if let latency { configuration.latency = try Latency(parsing: latency) }
        if let faults { configuration.faults = try FaultSpec(parsing: faults) }
        if let faultSeed { configuration.faultSeed = faultSeed }
        configuration.batchDelay = .milliseconds(batchDelay)
        if let attributeShape { configuration.attributeShape = attributeShape }
        if let repeatedFilterKeys { configuration.repeatedFilterKeys = repeatedFilterKeys }
        if let repeatedIdentity { configuration.repeatedIdentity = repeatedIdentity }
        if let batchStates { configuration.batchStates = try BatchPhase.list(parsing: batchStates) }
        if let batchEnd { configuration.batchEnd = try BatchEnd.parsing(batchEnd) }
        return configuration
    }
}
