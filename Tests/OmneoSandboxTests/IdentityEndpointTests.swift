// Contract: a profile's identities through their own endpoints (POST to add, PUT/DELETE by handle, GET by
// handle, GET /v3/identities across the tenant), shaped as the vendor SDK's Identity type; the profile read
// always agrees with them.
import OmneoModel
import OmneoSandbox
import Testing

@Suite struct IdentityEndpointTests {
    @Test func postAddsAnIdentityTheProfileThenShows() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let before = try await http.get("/v3/profiles/p2").data
            let answer = try await http.post("/v3/profiles/p2/identities", ["handle": "shopify", "identifier": "SH-2"])
            #expect(answer.status == 201)
            #expect(answer.data["handle"] == "shopify")
            #expect(answer.data["identifier"] == "SH-2")
            #expect(answer.data["profile_id"] == "p2")
            #expect(answer.data["is_active"] == true)
            #expect(answer.data["id"]?.intValue != nil)
            let after = try await http.get("/v3/profiles/p2").data
            #expect(after["identities"]?.arrayValue?.map { $0["identifier"] } == ["SH-2"])
            #expect(after["updated_at"] != before["updated_at"])
            let read = try await http.get("/v3/profiles/p2/identities/shopify")
            #expect(read.status == 200)
            #expect(read.data["id"] == answer.data["id"])
            // Found by the identity lookup the vendor documents.
            #expect(try await http.get("/v3/profiles/SH-2?identity[handle]=shopify").data["id"] == "p2")
        }
    }

    @Test func aMissingHandleOrIdentifierIsA422() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let noIdentifier = try await http.post("/v3/profiles/p2/identities", ["handle": "shopify"])
            #expect(noIdentifier.status == 422)
            #expect(noIdentifier.fieldErrors["identifier"] != nil)
            let empty = try await http.post("/v3/profiles/p2/identities", ["handle": "", "identifier": "x"])
            #expect(empty.status == 422)
            #expect(empty.fieldErrors["handle"] != nil)
            #expect(try await http.post("/v3/profiles/nobody/identities", ["handle": "shopify", "identifier": "x"]).status == 404)
            #expect(try await http.get("/v3/profiles/p2").data["identities"] == [])
        }
    }

    /// The vendor is silent on a second POST with a handle the profile holds: by default it is added beside the
    /// first (the harsh answer), and `repeatedIdentity = .refused` makes it a 422.
    @Test func aRepeatedHandleIsAddedBesideTheFirstUnlessRefused() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.post("/v3/profiles/p1/identities", ["handle": "shopify", "identifier": "SH-9"]).status == 201)
            let held = try await http.get("/v3/profiles/p1").data["identities"]?.arrayValue ?? []
            #expect(held.map { $0["identifier"] } == ["SH-1", "SH-9"])
        }
        var configuration = SmallTenant.configuration()
        configuration.repeatedIdentity = .refused
        try await withSandbox(configuration) { (http: SandboxHTTP) async throws in
            let answer = try await http.post("/v3/profiles/p1/identities", ["handle": "shopify", "identifier": "SH-9"])
            #expect(answer.status == 422)
            #expect(answer.fieldErrors["handle"] != nil)
            #expect(try await http.get("/v3/profiles/p1").data["identities"]?.arrayValue?.map { $0["identifier"] } == ["SH-1"])
        }
    }

    @Test func putChangesTheIdentifierAndDeleteRemovesIt() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let original = try await http.get("/v3/profiles/p1/identities/shopify").data
            let changed = try await http.put("/v3/profiles/p1/identities/shopify", ["identifier": "SH-100"])
            #expect(changed.status == 200)
            #expect(changed.data["identifier"] == "SH-100")
            #expect(changed.data["id"] == original["id"])
            #expect(try await http.get("/v3/profiles/p1").data["identities"]?.arrayValue?.map { $0["identifier"] } == ["SH-100"])
            #expect(try await http.get("/v3/profiles/SH-1?identity[handle]=shopify").status == 404)
            // PUT does not create: an identity the profile lacks is a 404.
            #expect(try await http.put("/v3/profiles/p1/identities/loyalty", ["identifier": "L-1"]).status == 404)
            #expect(try await http.put("/v3/profiles/p1/identities/shopify", ["identifier": ""]).status == 422)
            #expect(try await http.put("/v3/profiles/p1/identities/shopify", ["is_active": false]).data["is_active"] == false)
            #expect(try await http.delete("/v3/profiles/p1/identities/shopify").status == 204)
            #expect(try await http.get("/v3/profiles/p1").data["identities"] == [])
            #expect(try await http.get("/v3/profiles/p1/identities/shopify").status == 404)
            #expect(try await http.delete("/v3/profiles/p1/identities/shopify").status == 404)
        }
    }

    @Test func theIdentityListFiltersByHandleAndIncludesTheProfile() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            _ = try await http.post("/v3/profiles/p3/identities", ["handle": "shopify", "identifier": "SH-3"])
            _ = try await http.post("/v3/profiles/p3/identities", ["handle": "loyalty", "identifier": "L-3"])
            let list = try await http.get("/v3/identities?filter[handle]=shopify&include=profile")
            #expect(list.status == 200)
            let rows = list.data.arrayValue ?? []
            #expect(rows.map { $0["identifier"] } == ["SH-1", "SH-3"])
            #expect(rows.map { $0["profile"]?["id"] } == ["p1", "p3"])
            #expect(list.json["meta"]?["total"] == 2)
            let bare = try await http.get("/v3/identities?filter[handle]=loyalty").data.arrayValue ?? []
            #expect(bare.count == 1)
            #expect(bare.first?["profile"] == nil)
            #expect(bare.first?["profile_id"] == "p3")
            #expect(try await http.get("/v3/identities?filter[nickname]=x").status == 400)
        }
    }

    /// Two profiles can carry one Shopify id (the vendor is silent on uniqueness); the documented lookup
    /// answers one of them, so only a list shows the tie.
    @Test func twoProfilesCanShareAnIdentifier() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            #expect(try await http.post("/v3/profiles/p4/identities", ["handle": "shopify", "identifier": "SH-1"]).status == 201)
            let rows = try await http.get("/v3/identities?filter[handle]=shopify&filter[identifier]=SH-1").data.arrayValue ?? []
            #expect(rows.map { $0["profile_id"] } == ["p1", "p4"])
            #expect(try await http.get("/v3/profiles/SH-1?identity[handle]=shopify").data["id"] == "p1")
        }
    }

    @Test func aReadOnlyTokenCannotChangeIdentities() async throws {
        try await withSandbox { (http: SandboxHTTP) async throws in
            let answer = try await http.post("/v3/profiles/p2/identities", ["handle": "shopify", "identifier": "x"], token: "sandbox-readonly")
            #expect(answer.status == 403)
            #expect(try await http.get("/v3/identities", token: "sandbox-readonly").status == 200)
        }
    }
}

/// Contract: one custom attribute through `/v3/profiles/{id}/attributes/custom/{namespace}:{handle}`; PUT
/// creates or changes, DELETE removes, and the profile read shows it in the tenant's shape.
@Suite struct AttributeEndpointTests {
    static func configuration(_ shape: AttributeShape) -> SandboxConfiguration {
        AttributeShapeTests.configuration(shape)
    }

    @Test(arguments: AttributeShape.allCases) func putCreatesThenChangesAnAttribute(shape: AttributeShape) async throws {
        try await withSandbox(Self.configuration(shape)) { (http: SandboxHTTP) async throws in
            let before = try await http.get("/v3/profiles/p3").data
            #expect(try await http.get("/v3/profiles/p3/attributes/custom/loyalty:tier").status == 404)
            let created = try await http.put("/v3/profiles/p3/attributes/custom/loyalty:tier", ["type": "string", "value": "gold"])
            #expect(created.status == 200)
            #expect(created.data["namespace"] == "loyalty")
            #expect(created.data["handle"] == "tier")
            #expect(created.data["type"] == "string")
            #expect(created.data["value"] == "gold")
            #expect(created.data["profile_id"] == "p3")
            let read = try await http.get("/v3/profiles/p3")
            #expect(read.data["updated_at"] != before["updated_at"])
            switch shape {
            case .object: #expect(read.data["custom_attributes"] == ["loyalty": ["tier": "gold"]])
            case .array: #expect(read.data["custom_attributes"] == [["namespace": "loyalty", "handle": "tier", "type": "string", "value": "gold"]])
            }
            // Without a type, an existing attribute keeps its own.
            let changed = try await http.put("/v3/profiles/p3/attributes/custom/loyalty:tier", ["value": "platinum"])
            #expect(changed.data["value"] == "platinum")
            #expect(changed.data["type"] == "string")
            #expect(try await http.get("/v3/profiles/p3/attributes/custom/loyalty:tier").data["value"] == "platinum")
        }
    }

    /// A seeded object-shaped attribute is addressable one by one, and changing one leaves its neighbours.
    @Test(arguments: AttributeShape.allCases) func oneAttributeChangesAloneInEitherHeldShape(shape: AttributeShape) async throws {
        try await withSandbox(Self.configuration(shape)) { (http: SandboxHTTP) async throws in
            let read = try await http.get("/v3/profiles/p2/attributes/custom/social:followers")
            #expect(read.data["value"] == 5000)
            #expect(read.data["type"] == "integer")
            _ = try await http.put("/v3/profiles/p2/attributes/custom/social:followers", ["type": "integer", "value": 6000])
            #expect(try await http.get("/v3/profiles/p2/attributes/custom/social:verified").data["value"] == true)
            #expect(try await http.delete("/v3/profiles/p2/attributes/custom/social:verified").status == 204)
            let profile = try await http.get("/v3/profiles/p2").data
            switch shape {
            case .object: #expect(profile["custom_attributes"] == ["social": ["followers": 6000]])
            case .array: #expect(profile["custom_attributes"] == [["namespace": "social", "handle": "followers", "type": "integer", "value": 6000]])
            }
            #expect(try await http.get("/v3/profiles/p2/attributes/custom/social:verified").status == 404)
            #expect(try await http.delete("/v3/profiles/p2/attributes/custom/social:verified").status == 404)
        }
    }

    @Test func aNewAttributeNeedsAKnownTypeAndAValue() async throws {
        try await withSandbox(Self.configuration(.object)) { (http: SandboxHTTP) async throws in
            let noType = try await http.put("/v3/profiles/p3/attributes/custom/loyalty:tier", ["value": "gold"])
            #expect(noType.status == 422)
            #expect(noType.fieldErrors["type"] != nil)
            #expect(try await http.put("/v3/profiles/p3/attributes/custom/loyalty:tier", ["type": "decimal", "value": "1"]).status == 422)
            let noValue = try await http.put("/v3/profiles/p3/attributes/custom/loyalty:tier", ["type": "string"])
            #expect(noValue.fieldErrors["value"] != nil)
            #expect(try await http.put("/v3/profiles/nobody/attributes/custom/loyalty:tier", ["type": "string", "value": "x"]).status == 404)
            #expect(try await http.get("/v3/profiles/p3/attributes/custom/tier").status == 404)
            #expect(try await http.get("/v3/profiles/p3").data["custom_attributes"] == [])
        }
    }
}
