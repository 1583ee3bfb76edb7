// custom_attributes read from either shape a tenant sends, as one: namespace -> handle -> value.
import OmneoModel
import Testing

@Suite struct CustomAttributesShapeTests {
    @Test func bothShapesReadTheSame() {
        let listed = CustomAttributes([
            ["namespace": "loyalty", "handle": "lifetime_spend", "type": "decimal", "value": "120.00"],
            ["namespace": "social", "handle": "followers", "type": "integer", "value": 5000],
        ])
        let keyed = CustomAttributes(["loyalty": ["lifetime_spend": "120.00"], "social": ["followers": 5000]])
        #expect(listed == keyed)
        #expect(keyed["loyalty", "lifetime_spend"] == "120.00")
        #expect(keyed["loyalty", "points"] == nil && keyed["points", "x"] == nil)
        #expect(keyed.byNamespace == ["loyalty": ["lifetime_spend": "120.00"], "social": ["followers": 5000]])
    }

    @Test func oddEntriesAreLeftOutAndTheFirstOfTwinsWins() {
        let attributes = CustomAttributes([
            ["namespace": "loyalty", "handle": "tier", "value": "gold"],
            ["namespace": "loyalty", "handle": "tier", "value": "silver"],
            ["handle": "no-namespace", "value": 1],
            "not an entry",
            ["namespace": "loyalty", "handle": "note"],
        ])
        #expect(attributes.byNamespace == ["loyalty": ["tier": "gold", "note": .null]])
        #expect(CustomAttributes(["loyalty": "not keyed"]).byNamespace == [:])
        for nothing: JSONValue? in [nil, .null, [], [:], "x"] { #expect(CustomAttributes(nothing).byNamespace == [:]) }
    }

    @Test func aProfileReadsItsOwn() throws {
        let profile = try #require(OmneoProfile(["id": "p1", "custom_attributes": ["loyalty": ["lifetime_spend": "9"]]]))
        #expect(profile.customAttributes["loyalty", "lifetime_spend"] == "9")
    }
}
