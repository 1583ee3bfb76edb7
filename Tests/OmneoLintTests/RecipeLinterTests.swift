// The linter's rules with exact file:line, and no false alarms on ordinary recipe code.
@testable import OmneoLint
import Testing

@Suite struct RecipeLinterTests {
    /// The globals SandboxPrelude gives every recipe.
    static let sandboxGlobals: Set<String> = [
        "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset", "select",
        "tonumber", "tostring", "type", "_VERSION", "getmetatable", "setmetatable", "xpcall", "collectgarbage",
        "print", "require", "string", "table", "math", "utf8", "coroutine", "os", "package", "omneo", "_G", "load",
    ]
    static let omneoNames: Set<String> = [
        "omneo", "omneo.log", "omneo.log.debug", "omneo.log.info", "omneo.log.warn", "omneo.log.error",
        "omneo.args", "omneo.args.*", "omneo.params", "omneo.tenant", "omneo.dry_run",
        "omneo.json", "omneo.json.encode", "omneo.json.decode", "omneo.csv", "omneo.csv.rows",
        "omneo.profiles", "omneo.profiles.get", "omneo.profiles.update",
    ]
    static let linter = RecipeLinter(knownGlobals: sandboxGlobals, omneoNames: omneoNames)

    static func lint(_ source: String, chunkName: String = "@recipes/foo.lua") -> [String] {
        linter.lint(source: Array(source.utf8), chunkName: chunkName).map(\.description)
    }

    @Test func syntaxErrorIsTheOnlyFinding() {
        let findings = Self.linter.lint(source: Array("local x = 1\nprnt(x)\nlocal y = = 2\n".utf8),
                                        chunkName: "@recipes/foo.lua")
        #expect(findings == [LintFinding(chunkName: "recipes/foo.lua", line: 3, message: "unexpected symbol near '='")])
        #expect(Self.lint("local function f()\n  return 1\n") ==
            ["recipes/foo.lua:3: 'end' expected (to close 'function' at line 1) near <eof>"])
    }

    @Test func unknownOmneoNamesWithSuggestions() {
        let source = """
        local p = omneo.profils.get(1)
        omneo.log.inf("x")
        omneo.log:warning("y")
        local ok = omneo.json.encode({}) and omneo.jsno
        omneo.profiles.gett(2).name = 1
        """
        #expect(Self.lint(source) == [
            "recipes/foo.lua:1: unknown name 'omneo.profils' (did you mean 'omneo.profiles'?)",
            "recipes/foo.lua:2: unknown name 'omneo.log.inf' (did you mean 'omneo.log.info'?)",
            "recipes/foo.lua:3: unknown name 'omneo.log.warning'",
            "recipes/foo.lua:4: unknown name 'omneo.jsno' (did you mean 'omneo.json'?)",
            "recipes/foo.lua:5: unknown name 'omneo.profiles.gett' (did you mean 'omneo.profiles.get'?)",
        ])
    }

    @Test func aliasesOfOmneoAreFollowedIntoFunctions() {
        let source = """
        local o = omneo
        local log = omneo.log
        local function report(n)
          log.inf(n)
          log:debug(n)
          return o.profils
        end
        for i = 1, 3 do report(i) end
        local other = log
        other.eror("x")
        """
        #expect(Self.lint(source) == [
            "recipes/foo.lua:4: unknown name 'omneo.log.inf' (did you mean 'omneo.log.info'?)",
            "recipes/foo.lua:6: unknown name 'omneo.profils' (did you mean 'omneo.profiles'?)",
            "recipes/foo.lua:10: unknown name 'omneo.log.eror' (did you mean 'omneo.log.error'?)",
        ])
    }

    @Test func reassignedAliasesAreNotTrusted() {
        let source = """
        local log = omneo.log
        if omneo.dry_run then log = { anything = print } end
        log.anything("x")
        local t = omneo.json
        local function swap() t = { other = 1 } end
        swap()
        print(t.other)
        """
        #expect(Self.lint(source).isEmpty)
    }

    @Test func assignmentsToGlobalsAtAnyLevel() {
        let source = """
        count = 0
        function helper() end
        local function f()
          for i = 1, 3 do
            total = i
          end
          return count
        end
        _ENV.explicit = 1
        """
        #expect(Self.lint(source) == [
            "recipes/foo.lua:1: assignment to undeclared global 'count' (declare it with 'local')",
            "recipes/foo.lua:2: assignment to undeclared global 'helper' (declare it with 'local function')",
            "recipes/foo.lua:5: assignment to undeclared global 'total' (declare it with 'local')",
            "recipes/foo.lua:9: assignment to undeclared global 'explicit' (declare it with 'local')",
        ])
    }

    @Test func readsOfUnknownGlobals() {
        let source = """
        prnt("hello")
        local f = io.open("x")
        local info = debug.getinfo(1)
        local function g() return tostring(undefined_thing) end
        print(_ENV.strin)
        """
        #expect(Self.lint(source) == [
            "recipes/foo.lua:1: unknown global 'prnt' (did you mean 'print'?)",
            "recipes/foo.lua:2: unknown global 'io'",
            "recipes/foo.lua:3: unknown global 'debug'",
            "recipes/foo.lua:4: unknown global 'undefined_thing'",
            "recipes/foo.lua:5: unknown global 'strin' (did you mean 'string'?)",
        ])
    }
}
