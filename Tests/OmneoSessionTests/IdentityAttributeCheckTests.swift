// The client verifies: an identity answer that names another identity, or an attribute answer holding another
// value, is an error; a profile is an identity's match only with that handle and that identifier; the undo
// reads what a journaled write left.
import OmneoJournal
import OmneoModel
@testable import OmneoSession
import Testing

@Suite struct IdentityAttributeCheckTests {
    @Test func anIdentityAnswerMustNameTheIdentityAsked() throws {
        try IdentityWriter.check(["handle": "shopify", "identifier": "4512"], handle: "shopify", identifier: "4512", tenant: "acme")
        // A shop system's number the tenant sends as a JSON number is the same identifier.
        try IdentityWriter.check(["handle": "shopify", "identifier": 4512], handle: "shopify", identifier: "4512", tenant: "acme")
        #expect(throws: ExpectedFailure.self) {
            try IdentityWriter.check(["handle": "shopify", "identifier": "4513"], handle: "shopify", identifier: "4512", tenant: "acme")
        }
        #expect(throws: ExpectedFailure.self) {
            try IdentityWriter.check(["handle": "loyalty", "identifier": "4512"], handle: "shopify", identifier: "4512", tenant: "acme")
        }
    }

    @Test func aProfileCarriesAnIdentityOnlyWithThatHandle() throws {
        let profile = try #require(OmneoProfile(["id": "p1", "identities": [["handle": "loyalty", "identifier": "4512"], ["handle": "shopify", "identifier": "9"]]]))
        #expect(IdentityResolver.carries(profile, handle: "loyalty", identifier: "4512"))
        #expect(!IdentityResolver.carries(profile, handle: "shopify", identifier: "4512"))
        #expect(IdentityWriter.identifier(of: profile, handle: "shopify") == "9")
        #expect(IdentityWriter.identifier(of: profile, handle: "pos") == nil)
    }

    @Test func anIdentityHandleHasNoSpacesOrSlashes() {
        #expect(IdentityResolver.handleProblem("shopify") == nil)
        #expect(IdentityResolver.handleProblem("") == "an identity handle is empty")
        #expect(IdentityResolver.handleProblem("shop ify") == "an identity handle has no spaces or slashes")
        #expect(IdentityResolver.handleProblem("a/b") == "an identity handle has no spaces or slashes")
    }

    @Test func anAttributesTypeFollowsItsValueAndAWriteKeepsWhatItLeft() throws {
        #expect(AttributeWriter.Held.type(of: "gold") == "string")
        #expect(AttributeWriter.Held.type(of: 40) == "integer")
        #expect(AttributeWriter.Held.type(of: 1.5) == "float")
        #expect(AttributeWriter.Held.type(of: true) == "boolean")
        #expect(AttributeWriter.Held.type(of: [1, 2]) == "array")
        #expect(AttributeWriter.Held.type(of: ["a": 1]) == "json")
        let held = AttributeWriter.Held(type: "json", value: ["tier": "gold", "since": 2024])
        let fields = AttributeWriter.fields("loyalty:card", held)
        let write = WriteRecord(id: 1, attempt: 1, operation: .attributeChange, handles: [fields], profileIDs: ["p1"], state: .finished)
        #expect(AttributeWriter.after(write) == held)
        let removal = WriteRecord(id: 2, attempt: 1, operation: .attributeRemove, handles: [["loyalty:card"]], profileIDs: ["p1"], state: .finished)
        #expect(AttributeWriter.after(removal) == nil)
    }
}
