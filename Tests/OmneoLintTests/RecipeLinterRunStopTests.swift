// Which findings stop `omneo-run run` before it starts (RecipeChecker.preflight): every one but an assigned global.
@testable import OmneoLint
import Testing

@Suite struct RecipeLinterRunStopTests {
    static func findings(_ source: String) -> [LintFinding] {
        RecipeLinterTests.linter.lint(source: Array(source.utf8), chunkName: "@recipes/foo.lua")
    }

    @Test func onlyAnAssignedGlobalLetsTheRunStart() {
        let found = Self.findings("count = 1\nomneo.profils.get(1)\nprnt(count)\n")
        #expect(found.map(\.line) == [1, 2, 3])
        #expect(found.map(\.stopsARun) == [false, true, true])
        #expect(Self.findings("local x = = 1").map(\.stopsARun) == [true])
    }

    @Test func aCaseOnlyDifferenceIsSuggested() {
        #expect(RecipeLinterTests.lint("omneo.LOG.info('x')\nomneo.log.INFO('y')\nPRINT(1)") == [
            "recipes/foo.lua:1: unknown name 'omneo.LOG' (did you mean 'omneo.log'?)",
            "recipes/foo.lua:2: unknown name 'omneo.log.INFO' (did you mean 'omneo.log.info'?)",
            "recipes/foo.lua:3: unknown global 'PRINT' (did you mean 'print'?)",
        ])
    }
}
