// stdlib/omneo/emails.lua: normalise, validate, clean.
import Testing
@testable import OmneoRuntime

@Suite struct EmailsModuleTests {
    @Test func normaliseValidateAndClean() throws {
        let fixture = try RecipeFixture()
        let (outcome, log) = try fixture.run("""
            local emails = require "omneo.emails"
            print(emails.normalise("  Jane@Example.COM \\t"), emails.normalise(42))
            for _, e in ipairs({ "a@b.co", "first.last+tag@sub.example.com", "a@b", "a@@b.com", "a b@c.com",
                                 "@b.com", "a@b..com", "a@.com", "a.@b.com", "" }) do
              print(e, (emails.is_valid(e)))
            end
            local valid, invalid = emails.clean({ "A@x.com", "a@x.com ", "nope", "b@x.com" })
            print(table.concat(valid, ","), #invalid, invalid[1].email, invalid[1].reason)
            """)
        #expect(outcome == .finished, "\(outcome)")
        #expect(log == [
            "info: jane@example.com\tnil",
            "info: a@b.co\ttrue", "info: first.last+tag@sub.example.com\ttrue", "info: a@b\tfalse",
            "info: a@@b.com\tfalse", "info: a b@c.com\tfalse", "info: @b.com\tfalse", "info: a@b..com\tfalse",
            "info: a@.com\tfalse", "info: a.@b.com\tfalse", "info: \tfalse",
            "info: a@x.com,b@x.com\t1\tnope\tneeds exactly one @ with text on both sides",
        ])
    }
}
