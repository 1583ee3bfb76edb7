// Every known way out of the recipe sandbox is refused with a readable message, and nothing happens.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct SandboxEscapeTests {
    /// Each attempt must fail at the recipe's line 1 with text a user can act on.
    @Test(arguments: [
        ("io.open('/etc/passwd')", "io is not available in recipes"),
        ("io.popen('ls')", "io is not available in recipes"),
        ("os.execute('touch /tmp/omneo-escaped')", "os.execute is not available in recipes"),
        ("os.remove('/tmp/x')", "os.remove is not available in recipes"),
        ("os.rename('/tmp/x', '/tmp/y')", "os.rename is not available in recipes"),
        ("os.exit(0)", "os.exit is not available in recipes"),
        ("os.getenv('HOME')", "os.getenv is not available in recipes"),
        ("debug.getinfo(1)", "debug is not available in recipes"),
        ("dofile('/etc/passwd')", "dofile is not available in recipes"),
        ("loadfile('/etc/passwd')", "loadfile is not available in recipes"),
        ("string.dump(print)", "string.dump is not available in recipes"),
        ("package.loadlib('/lib/libc.so.6', 'system')", "package.loadlib is not available in recipes"),
        ("package.cpath = '/tmp/?.so'", ""),
        ("require('../../etc/passwd')", "module name '../../etc/passwd' is not allowed"),
        ("require('/etc/passwd')", "module name '/etc/passwd' is not allowed"),
        ("require('socket.core')", "(C modules cannot be loaded in recipes)"),
        ("setmetatable({}, {__gc = function() while true do end end})", "__gc metamethods are not allowed"),
        ("collectgarbage('stop')", "collectgarbage('stop') is not allowed in recipes"),
        ("collectgarbage('generational')", "collectgarbage('generational') is not allowed in recipes"),
        ("getmetatable('').__index = function() return os end", "the string metatable is read-only in recipes"),
        ("assert(load('\\27Lua\\84\\0'))", "binary chunks are not allowed in recipes"),
        ("assert(load('\\27Lua\\84\\0', 'x', 'b'))", "binary chunks are not allowed in recipes"),
    ] as [(String, String)])
    func escapeIsRefused(_ code: String, _ expected: String) throws {
        let fixture = try RecipeFixture()
        let (outcome, _) = try fixture.run(code)
        if expected.isEmpty {
            // Setting package.cpath is harmless: nothing ever reads it. It must not crash either.
            #expect(outcome == .finished || RecipeFixture.message(outcome, in: fixture) != nil)
            return
        }
        let message = try #require(RecipeFixture.message(outcome, in: fixture))
        #expect(message.hasPrefix("DIR/recipe.lua:1:"), "\(message)")
        #expect(message.contains(expected), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/omneo-escaped"))
    }

    @Test func loadedChunksGetTheSandboxNotTheRealGlobals() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run("""
            local f = load("return io, dofile, os.execute ~= nil")
            print(pcall(f))
            print(rawget(_G, "io"), _G == _ENV)
            """)
        #expect(outcome == .finished)
        #expect(log.first?.hasPrefix("info: false") == true)
        #expect(log.last == "info: nil\ttrue")
    }

    @Test func stringMetatableChangesDoNotReachTheHost() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run("""
            local mt = getmetatable("")
            print(pcall(rawset, mt, "__index", {}))
            print(("x"):rep(3))
            string.rep = nil
            print(("y"):rep(2))
            """)
        #expect(outcome == .finished)
        #expect(log.contains("info: xxx"))
        #expect(log.contains("info: yy"))
    }

    @Test func errorObjectsThatAreNotStringsAreReported() throws {
        let fixture = try RecipeFixture()
        let table = try fixture.run("error({code = 42})").outcome
        #expect(RecipeFixture.message(table, in: fixture) == "(error object is a table value)")
        let nothing = try fixture.run("error()").outcome
        #expect(RecipeFixture.message(nothing, in: fixture) == "(error object is a nil value)")
        let number = try fixture.run("error(42)").outcome
        #expect(RecipeFixture.message(number, in: fixture) == "42")
    }

    @Test func recipesCannotPolluteEachOthersModules() throws {
        let fixture = try RecipeFixture()
        try fixture.write("shared.lua", "return { value = string.upper('ok') }")
        let (outcome, log) = try fixture.run("""
            string.upper = function() return "hacked" end
            leaked = true
            local shared = require "shared"
            print(shared.value, rawget(_ENV, "leaked"))
            """)
        #expect(outcome == .finished)
        #expect(log == ["info: OK\ttrue"])
    }
}
