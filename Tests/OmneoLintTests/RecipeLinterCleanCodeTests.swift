// Ordinary recipe code must lint clean: locals, upvalues, fields, methods and data tables.
import Foundation
@testable import OmneoLint
import Testing

@Suite struct RecipeLinterCleanCodeTests {
    static func lint(_ source: String) -> [String] { RecipeLinterTests.lint(source) }

    static let realisticRecipe = """
    -- Tag every profile listed in a CSV file, in batches, and log a summary.
    local log = omneo.log
    local json = omneo.json
    local params = omneo.params({ tag = { type = "string", required = true } })
    local limit = tonumber(omneo.args.limit) or 100
    local M = { seen = 0, failed = {} }

    local function normalise(email)
      if type(email) ~= "string" then return nil end
      local trimmed = email:match("^%s*(.-)%s*$"):lower()
      return #trimmed > 0 and trimmed or nil
    end

    function M.record(self, ok, id, err)
      self.seen = self.seen + 1
      if not ok then self.failed[#self.failed + 1] = string.format("%s: %s", id, tostring(err)) end
    end

    local batch = {}
    local function flush()
      if #batch == 0 then return end
      local ok, err = pcall(function()
        for _, id in ipairs(batch) do
          local profile = omneo.profiles.get(id)
          profile.tags = profile.tags or {}
          table.insert(profile.tags, params.tag)
          omneo.profiles.update(id, profile)
        end
      end)
      for _, id in ipairs(batch) do M:record(ok, id, err) end
      batch = {}
    end

    for row in omneo.csv.rows(omneo.args.file or "profiles.csv") do
      local email = normalise(row.email)
      if email and M.seen + #batch < limit then
        batch[#batch + 1] = row.id
        if #batch >= 25 then flush() end
      end
    end
    flush()
    local counter = coroutine.wrap(function(...) for i = 1, select("#", ...) do coroutine.yield(i) end end)
    log.info(("tagged %d profiles, %d failed"):format(M.seen - #M.failed, #M.failed))
    if #M.failed > 0 then log.warn(json.encode(M.failed)) end
    return M, counter, math.floor(2.5), utf8.char(72), os.time(), _VERSION
    """

    @Test func realisticRecipeIsClean() {
        #expect(Self.realisticRecipe.split(separator: "\n").count >= 40)
        #expect(Self.lint(Self.realisticRecipe) == [])
    }

    @Test func typosInTheRealisticRecipeAreFound() {
        let broken = Self.realisticRecipe
            .replacingOccurrences(of: "omneo.profiles.get(id)", with: "omneo.profile.get(id)")
            .replacingOccurrences(of: "string.format(", with: "strng.format(")
            .replacingOccurrences(of: "log.info(", with: "log.inof(")
            .replacingOccurrences(of: "  batch = {}\nend", with: "  batch = {}\n  seen = true\nend")
        #expect(Self.lint(broken) == [
            "recipes/foo.lua:16: unknown global 'strng' (did you mean 'string'?)",
            "recipes/foo.lua:24: unknown name 'omneo.profile' (did you mean 'omneo.profiles'?)",
            "recipes/foo.lua:32: assignment to undeclared global 'seen' (declare it with 'local')",
            "recipes/foo.lua:44: unknown name 'omneo.log.inof' (did you mean 'omneo.log.info'?)",
        ])
    }

    @Test func localsUpvaluesAndFieldsAreNotGlobals() {
        let source = """
        local count = 0
        local function bump() count = count + 1 return count end
        local t = { name = "x", nested = { deep = true } }
        t.name = t.nested.deep and "y" or t.name
        t.io, t.debug = 1, 2
        local s = ("abc"):upper() .. t.name:rep(2)
        local obj = setmetatable({}, { __index = function(_, k) return k end })
        obj:anything(bump())
        local data = omneo.args.whatever.deeper
        local anything = omneo.args["x y"]
        goto done
        ::done::
        """
        #expect(Self.lint(source) == [])
    }

    @Test func fieldsOfLeavesAndDataTablesAreValues() {
        let source = """
        local who = omneo.tenant:upper() .. omneo.tenant.len
        local nested = omneo.args.filter.status
        local f = omneo.log.info.anything
        local x, t = ...
        local maybe = x and omneo.log or t
        maybe.not_a_log_function()
        """
        #expect(Self.lint(source) == [])
    }

    @Test func explicitEnvironment() {
        let source = """
        local env = _ENV
        _ENV.print("explicit read is a global read")
        local function sandboxed()
          local _ENV = { print = print }
          print("looked up in a local table")
          x = 1
        end
        return env, sandboxed
        """
        #expect(Self.lint(source) == [])
        #expect(Self.lint("_G.via_g = 1\nlocal k = 'inf'\nomneo.log[k]()") == [
            "recipes/foo.lua:1: assignment to undeclared global 'via_g' (declare it with 'local')",
            "recipes/foo.lua:3: unknown name 'omneo.log.inf' (did you mean 'omneo.log.info'?)",
        ])
        #expect(Self.lint("local _ENV = _ENV\nsneaky = 1\nprnt()") == [
            "recipes/foo.lua:2: assignment to undeclared global 'sneaky' (declare it with 'local')",
            "recipes/foo.lua:3: unknown global 'prnt' (did you mean 'print'?)",
        ])
    }

    @Test func globalAssignedThenReadIsReportedOnce() {
        #expect(Self.lint("total = 0\nfor i = 1, 3 do total = total + i end\nprint(total)") == [
            "recipes/foo.lua:1: assignment to undeclared global 'total' (declare it with 'local')",
            "recipes/foo.lua:2: assignment to undeclared global 'total' (declare it with 'local')",
        ])
    }

    @Test func chunksWithOver256ConstantsStillLint() {
        // Past 256 constants the compiler loads _ENV into a register and uses GETTABLE/SETTABLE.
        let fields = (1...300).map { "  f\($0) = \($0)," }.joined(separator: "\n")
        let source = "local t = {\n\(fields)\n}\nlate = t.f1\nprnt(omneo.log.inf)\n"
        #expect(Self.lint(source) == [
            "recipes/foo.lua:303: assignment to undeclared global 'late' (declare it with 'local')",
            "recipes/foo.lua:304: unknown global 'prnt' (did you mean 'print'?)",
            "recipes/foo.lua:304: unknown name 'omneo.log.inf' (did you mean 'omneo.log.info'?)",
        ])
    }

    @Test func chunkNamesDisplayLikeLua() {
        #expect(RecipeLinterTests.lint("x = 1", chunkName: "=stdin") ==
            ["stdin:1: assignment to undeclared global 'x' (declare it with 'local')"])
        #expect(RecipeLinterTests.lint("x = 1", chunkName: "x = 1") ==
            ["[string \"x = 1\"]:1: assignment to undeclared global 'x' (declare it with 'local')"])
        #expect(LintFinding.displayName(of: "local a\nlocal b") == "[string \"local a...\"]")
    }
}
