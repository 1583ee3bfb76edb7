// The CLI contract: run and check, exit codes, messages with file:line.
import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func runIsTheDefaultCommandAndArgsReachTheRecipe() throws {
        let scratch = try Scratch()
        try scratch.write("hello.lua", "local p = omneo.params{ who = { required = true } }\nomneo.log.info('hello %s', p.who)")
        let implicit = try OmneoRunBinary.run(["hello.lua", "--arg", "who=ann"], in: scratch.url)
        #expect(implicit.status == 0)
        #expect(implicit.stderr == "info: hello ann\n")
        let explicit = try OmneoRunBinary.run(["run", "hello.lua", "--arg", "who=bob", "-q"], in: scratch.url)
        #expect(explicit.status == 0)
        #expect(explicit.stderr == "")
    }

    @Test func recipeErrorsExitOneWithFileLineAndTraceback() throws {
        let scratch = try Scratch()
        try scratch.write("recipes/foo.lua", "local x = 1\n\nerror('nope')\n")
        let result = try OmneoRunBinary.run(["recipes/foo.lua"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("recipes/foo.lua:3: nope\nstack traceback:\n"))
        #expect(result.stderr.contains("recipes/foo.lua:3: in main chunk"))
    }

    @Test func limitsExitOneWithOneLine() throws {
        let scratch = try Scratch()
        try scratch.write("loop.lua", "while true do end")
        let result = try OmneoRunBinary.run(["loop.lua", "--timeout", "0.3"], in: scratch.url)
        #expect(result.status == 1)
        #expect(result.stderr == "loop.lua:1: timeout: the recipe ran longer than 0.3 s (--timeout)\n")
        try scratch.write("grow.lua", "local t = {} while true do t[#t + 1] = ('x'):rep(100) .. #t end")
        let memory = try OmneoRunBinary.run(["grow.lua", "--max-memory", "16"], in: scratch.url)
        #expect(memory.status == 1)
        #expect(memory.stderr == "grow.lua: out of memory: the recipe needed more than 16 MB (--max-memory 16)\n")
    }

    @Test(arguments: [
        (["missing.lua"], "omneo-run: cannot read recipe 'missing.lua': No such file or directory"),
        (["x.lua", "--arg", "novalue"], "--arg expects KEY=VALUE, got 'novalue'"),
        (["x.lua", "--timeout=-1"], "--timeout must be a positive number of seconds"),
        (["x.lua", "-q", "-v"], "-q and -v cannot be used together"),
    ] as [([String], String)])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let scratch = try Scratch()
        try scratch.write("x.lua", "")
        let result = try OmneoRunBinary.run(arguments, in: scratch.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func checkReportsSyntaxErrorsWithoutRunning() throws {
        let scratch = try Scratch()
        try scratch.write("good.lua", "error('would fail if run')")
        try scratch.write("bad.lua", "local a =\n")
        let good = try OmneoRunBinary.run(["check", "good.lua"], in: scratch.url)
        #expect(good.status == 0)
        let bad = try OmneoRunBinary.run(["check", "good.lua", "bad.lua"], in: scratch.url)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("bad.lua:2: unexpected symbol near <eof>\n"))
    }

    @Test func stdlibIsFoundFromTheBuildFolder() throws {
        let scratch = try Scratch()
        try scratch.write("uses-stdlib.lua", "print(require('omneo.emails').normalise('  A@B.C '))")
        let result = try OmneoRunBinary.run(["uses-stdlib.lua"], in: scratch.url)
        #expect(result.status == 0)
        #expect(result.stderr == "info: a@b.c\n")
    }

    /// Peak memory stays flat: 200,000 raised errors need no more memory than 10,000.
    @Test func raisedErrorsKeepMemoryFlat() throws {
        let scratch = try Scratch()
        let recipe = try scratch.write("errors.lua", """
            local n = omneo.params{ n = { type = "integer" } }.n
            for i = 1, n do pcall(omneo.json.encode, {print}) end
            """)
        let small = try PeakMemory.measure(OmneoRunBinary.path, [recipe, "--arg", "n=10000"])
        let large = try PeakMemory.measure(OmneoRunBinary.path, [recipe, "--arg", "n=200000"])
        #expect(large.status == 0)
        #expect(large.kilobytes - small.kilobytes < 4096, "peak RSS \(small.kilobytes) KB -> \(large.kilobytes) KB")
    }
}
