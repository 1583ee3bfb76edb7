// Email normalisation trims what Lua's %s trims, so Swift and stdlib/omneo/emails.lua agree.
import OmneoModel
import Testing

@Suite struct EmailAddressTests {
    @Test func normalisesLikeTheLuaModule() {
        #expect(EmailAddress.normalise(" \t Jane@Example.COM \u{0B}\u{0C}\r\n") == "jane@example.com")
        #expect(EmailAddress.problem("jane@example.com") == nil)
        #expect(EmailAddress.problem("jane@@example.com") == "needs exactly one @ with text on both sides")
        #expect("  a b  ".trimmingSpaces == "a b")
    }

    @Test func writeOperationsAreTheJournalsNames() {
        #expect(WriteOperation.allCases.map(\.rawValue) == [
            "attach", "detach", "create", "update", "delete", "purge", "upsert", "upsert-replace", "identity-add", "identity-change", "identity-remove",
            "attribute-add", "attribute-change", "attribute-remove", "tags",
        ])
        #expect(WriteOperation.allCases.filter(\.changesStatuses) == [.attach, .detach, .upsertReplace])
        #expect(WriteOperation.allCases.filter(\.changesTags) == [.tags])
        #expect(WriteOperation.allCases.filter(\.changesIdentities) == [.identityAdd, .identityChange, .identityRemove])
        #expect(WriteOperation.allCases.filter(\.changesAttributes) == [.attributeAdd, .attributeChange, .attributeRemove])
        #expect(WriteOperation.allCases.filter(\.changesProfiles) == [.create, .update, .delete, .purge, .upsert, .upsertReplace])
    }
}
