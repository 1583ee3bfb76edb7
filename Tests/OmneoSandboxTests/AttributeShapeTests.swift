// Contract: the sandbox serves custom_attributes keyed by namespace (the default, as a live tenant does) or as
// the documented list, from whatever it holds.
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct AttributeShapeTests {
    static let spend: JSONValue = [["namespace": "loyalty", "handle": "lifetime_spend", "type": "decimal", "value": "120.00"]]

    static func configuration(_ shape: AttributeShape?) -> SandboxConfiguration {
        var configuration = SmallTenant.configuration()
        configuration.seed.profiles[0]["custom_attributes"] = spend
        configuration.seed.profiles[1]["custom_attributes"] = ["social": ["followers": 5000, "verified": true]]
        if let shape { configuration.attributeShape = shape }
        return configuration
    }

    @Test func theDefaultIsKeyedByNamespaceThenHandle() async throws {
        #expect(SandboxConfiguration(seed: TenantSeed()).attributeShape == .object)
        try await withSandbox(Self.configuration(nil)) { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/profiles/p1").data["custom_attributes"] == ["loyalty": ["lifetime_spend": "120.00"]])
            #expect(try await http.get("/v3/profiles/p2").data["custom_attributes"] == ["social": ["followers": 5000, "verified": true]])
            // PHP encodes an empty associative array as a list.
            #expect(try await http.get("/v3/profiles/p3").data["custom_attributes"] == [])
            let listed = try await http.get("/v3/profiles?filter[email]=shared%40example.com").data.arrayValue ?? []
            #expect(listed.first?["custom_attributes"] == ["social": ["followers": 5000, "verified": true]])
        }
    }

    @Test func theArrayShapeListsEveryAttribute() async throws {
        try await withSandbox(Self.configuration(.array)) { (http: SandboxHTTP) async throws in
            #expect(try await http.get("/v3/profiles/p1").data["custom_attributes"] == Self.spend)
            #expect(try await http.get("/v3/profiles/p2").data["custom_attributes"] == [
                ["namespace": "social", "handle": "followers", "type": "integer", "value": 5000],
                ["namespace": "social", "handle": "verified", "type": "boolean", "value": true],
            ])
            #expect(try await http.get("/v3/profiles/p3").data["custom_attributes"] == [])
        }
    }

    /// A write is kept as sent and served in the tenant's shape.
    @Test func aWrittenListIsServedInTheTenantsShape() async throws {
        try await withSandbox(Self.configuration(.object)) { (http: SandboxHTTP) async throws in
            let answer = try await http.put("/v3/profiles/p3", ["custom_attributes": Self.spend])
            #expect(answer.status == 200)
            #expect(answer.data["custom_attributes"] == ["loyalty": ["lifetime_spend": "120.00"]])
        }
    }
}
