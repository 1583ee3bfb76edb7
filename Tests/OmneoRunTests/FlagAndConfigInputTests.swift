// Bad flags, bad tenants.toml files and a tenant's oversized answer, through the real binary: each gets a
// message naming the flag, file, key or size, and an exit code; none crashes (issue 18, point 8).
import Foundation
import Testing

struct FlagAndConfigInputTests {
    /// A negative number after an option is its value, in both spellings; values the pacer, watchdog or
    /// allocator cannot take (they crashed the binary) are refused before the run starts.
    @Test(arguments: [
        (["x.lua", "--timeout", "-1"], "--timeout must be a positive number of seconds, at most 2592000 (30 days) (got -1)"),
        (["x.lua", "--timeout=-1"], "--timeout must be a positive number of seconds, at most 2592000 (30 days) (got -1)"),
        (["x.lua", "--timeout", "1e300"], "--timeout must be a positive number of seconds, at most 2592000 (30 days) (got 1e+300)"),
        (["x.lua", "--rate", "-5"], "--rate must be a positive number of requests per second, from 0.01 to 10000 (got -5)"),
        (["x.lua", "--rate=-5"], "--rate must be a positive number of requests per second, from 0.01 to 10000 (got -5)"),
        (["x.lua", "--sandbox", "--rate", "1e-300"], "--rate must be a positive number of requests per second, from 0.01 to 10000 (got 1e-300)"),
        (["x.lua", "--rate", "inf"], "(got inf)"),
        (["x.lua", "--concurrency", "-3"], "--concurrency must be at least 1 (got -3)"),
        (["x.lua", "--max-memory", "-5"], "--max-memory must be a number of megabytes from 1 to 1048576 (1 TB) (got -5)"),
        (["x.lua", "--max-memory", "99999999999999"], "(got 99999999999999)"),
        (["x.lua", "--cache-ttl", "-5"], "--cache-ttl expects an age such as 24h, 30m, 90s or 0, got '-5'"),
        (["runs", "--limit", "-1"], "--limit must be at least 1 (got -1)"),
        (["show", "x", "--failures", "-1"], "--failures must be 0 or more (got -1)"),
        (["undo", "x", "--rate", "-5"], "--rate must be a positive number of requests per second, from 0.01 to 10000 (got -5)"),
        (["test", "--timeout", "-2.5"], "(got -2.5)"),
        (["sandbox", "--batch-delay", "-5"], "--batch-delay must be 0 to 3600000 milliseconds (an hour) (got -5)"),
        (["sandbox", "--latency", "1e300"], "--latency: '1e300' is not MS or MS±JITTER with 0 <= JITTER <= MS <= 600000"),
        // Found while fuzzing: a --lib folder that does not exist passed silently, and `init ''` filled the current folder.
        (["x.lua", "--lib", "nowhere"], "--lib: 'nowhere' is not a folder"),
        (["init", ""], "init needs a folder to make (or . for the current one), got ''"),
    ] as [([String], String)])
    func numbersOutOfRangeAreNamedWithTheValue(_ arguments: [String], _ message: String) throws {
        let scratch = try Scratch()
        try scratch.write("x.lua", "")
        let result = try OmneoRunBinary.run(arguments, in: scratch.url)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(result.stderr)")
    }

    /// The client reads at most 64 MB of an answer. An 80 MB one used to be retried six times and end as
    /// "none (network error)"; now the first one stops the run, saying how large it was.
    @Test func anAnswerOverTheCapSaysItWasTooLargeAndHowLarge() throws {
        let sandbox = try SandboxProcess(arguments: ["--faults", "oversize=100%"])
        let scratch = try Scratch()
        try scratch.write("statuses.lua", "omneo.statuses.list()\n")
        let result = try OmneoRunBinary.run(["statuses.lua"], in: scratch.url, environment: sandbox.environment(state: scratch.url))
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains(
            "GET /v3/statuses?page[number]=1&page[size]=100: the answer was too large to read: 80 MB (omneo-run reads answers of up to 64 MB)"
        ), "\(result.stderr)")
        #expect(!result.stderr.contains("network error"), "\(result.stderr)")
        #expect(result.stderr.contains("1 request, 0 retries"), "\(result.stderr)")
    }

    /// Every mistake names the file really read ($OMNEO_CONFIG here, not ~/.config/omneo/tenants.toml) and the
    /// key; a rate the pacer cannot take (it crashed the run) is refused like the others.
    @Test(arguments: [
        ("[tenants]\n", "no tenants configured: FILE declares none"),
        ("", "no tenants configured: FILE declares none"),
        ("[tenants.a]\ntoken_env = \"T\"\n", "FILE: tenants.a.base_url is missing"),
        ("[tenants.a]\nbase_url = 5\ntoken_env = \"T\"\n", "FILE: tenants.a.base_url must be a non-empty string"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\nrate = 1e-300\n", "FILE: tenants.a.rate must be a positive number of requests per second, from 0.01 to 10000 (got 1e-300)"),
        ("[tenants.a]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\nrate = \"fast\"\n", "FILE: tenants.a.rate must be a number of requests per second (got \"fast\")"),
        ("[tenants.\"a/b\"]\nbase_url = \"https://x.example/api\"\ntoken_env = \"T\"\n", "FILE: tenants.\"a/b\": a tenant's name may hold only letters, digits, '-' and '_'"),
        ("tenants = 5\n", "FILE: 'tenants' must be a table of [tenants.NAME] sections"),
        ("[tenants\n", "FILE: line 1: "),
        ("\u{FF}[tenants]\n", "FILE: line 1: "),
    ] as [(String, String)])
    func aBadTenantsFileIsNamedWithItsKey(_ toml: String, _ message: String) throws {
        let scratch = try Scratch()
        let file = try scratch.write("elsewhere.toml", toml)
        let environment = ["OMNEO_CONFIG": file, "OMNEO_BASE_URL": "", "OMNEO_TOKEN": "", "OMNEO_TENANT": ""]
        let expected = message.replacingOccurrences(of: "FILE", with: file)
        let tenants = try OmneoRunBinary.run(["tenants"], in: scratch.url, environment: environment)
        #expect(tenants.stderr.contains(expected), "\(tenants.stderr)")
        #expect(!tenants.stderr.contains("~/.config"), "\(tenants.stderr)")
        try scratch.write("x.lua", "omneo.statuses.list()\n")
        let run = try OmneoRunBinary.run(["x.lua", "--tenant", "a"], in: scratch.url, environment: environment)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(file), "\(run.stderr)")
    }
}
