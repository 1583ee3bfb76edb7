// Profile searches: filters sent as the vendor writes them, and every answer checked against them.
import OmneoModel
@testable import OmneoClient
import OmneoSandbox
import Foundation
import Testing

@Suite struct ProfileFilterTests {
    private func profile(_ text: String) throws -> OmneoProfile {
        let value = try #require(JSONValue(json: Data(text.utf8)))
        return try #require(OmneoProfile(value))
    }

    @Test func eachCheckableFilterIsComparedAsTheTenantShouldHaveApplied() throws {
        let jane = try profile("""
            {"id":"p1","email":" Jane.Doe@Example.COM ","first_name":" Jane ","last_name":"Doe","statuses":["vip"],
             "tags":["mobile-app",{"handle":"newsletter"}],"identities":[{"handle":"shopify","identifier":"SH-1"}]}
            """)
        func passes(_ filters: [String: [String]]) -> Bool { ProfileFilterCheck(filters).firstMismatch(in: [jane]) == nil }
        #expect(passes(["email": ["jane.doe@example.com"]]) && passes(["filter[email]": ["JANE.DOE@example.com "]]))
        #expect(!passes(["email": ["jane@example.com"]]))
        #expect(passes(["first_name": ["jane"], "last_name": ["DOE "]]) && !passes(["first_name": ["Jan"]]))
        #expect(passes(["statuses.handle": ["gold", "vip"]]) && !passes(["statuses.handle": ["gold"]]) && !passes(["statuses.handle": ["VIP"]]))
        #expect(passes(["tags.handle": ["newsletter"]]) && !passes(["tags.handle": ["vip"]]))
        #expect(passes(["identities.identifier": ["SH-1"]]) && !passes(["identities.identifier": ["SH-2"]]))
        #expect(passes(["mobile_phone": ["+61400000000"], "search": ["zzz"], "sort": ["-created_at"]]), "not checkable: the tenant's word")
        let bare = try profile(#"{"id":"p2","statuses":[]}"#)
        let mismatch = ProfileFilterCheck(["tags.handle": ["vip"]]).firstMismatch(in: [jane, bare])
        #expect(mismatch == .init(filter: "tags.handle", values: ["vip"], profileID: "p1", email: " Jane.Doe@Example.COM "))
        #expect(ProfileFilterCheck(["email": ["x@example.com"]]).firstMismatch(in: [bare])?.profileID == "p2", "no email matches no email filter")
    }

    /// A dot in relation filters; several values to one filter are refused before sending (the tenant's PHP
    /// would keep the last alone), so callers ask one value at a time.
    @Test func relationFiltersGoWithADotAndSeveralValuesAreRefused() async throws {
        var configuration = Sandbox.configuration()
        configuration.seed.profiles[0]["tags"] = ["vip"]
        configuration.seed.profiles[2]["tags"] = ["mobile-app"]
        configuration.seed.profiles[3]["tags"] = ["other"]
        try await Sandbox.with(configuration) { server, client in
            let page = try await client.profilePage(filters: ["tags.handle": ["vip"], "statuses.handle": ["staff"]], page: 1)
            #expect(page.profiles.map(\.id) == ["p1"])
            let target = try #require(server.requestLog.entries().last?.target)
            #expect(target.hasPrefix("/api/v3/profiles?filter%5Bstatuses.handle%5D=staff&filter%5Btags.handle%5D=vip&"), "\(target)")
            let sent = server.requestLog.entries().count
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.profilePage(filters: ["tags.handle": ["vip", "mobile-app"]], page: 1)
            }
            #expect(error?.description.contains("2 values to the filter 'tags.handle'; ask one value at a time") == true, "\(String(describing: error))")
            #expect(server.requestLog.entries().count == sent)
            let identity = try await client.profilePage(filters: ["identities.identifier": "none"], page: 1)
            #expect(identity.profiles.isEmpty)
            #expect(server.requestLog.entries().last?.target.contains("filter%5Bidentities.identifier%5D=none") == true)
        }
    }

    @Test func aTenantThatIgnoresAFilterIsCaughtOnTheFirstPage() async throws {
        var configuration = Sandbox.configuration()
        configuration.seed.profiles[1]["statuses"] = ["vip"]
        configuration.faults = try FaultSpec(parsing: "ignore_filters")
        try await Sandbox.with(configuration) { server, client in
            let error = await #expect(throws: OmneoClientError.self) {
                try await client.profilePage(filters: ["statuses.handle": "vip"], page: 1)
            }
            #expect(error?.code == "filter_not_applied" && error?.stopsTheRun == true)
            #expect(error?.description == "tenant sandbox (\(server.baseURL)) did not apply the filter statuses.handle = 'vip': "
                + "GET /v3/profiles?filter[statuses.handle]=vip&page[number]=1&page[size]=100 returned profile p1 (user1@example.com), "
                + "which does not match; the run stopped before any further write")
            var pages = client.profiles(filters: ["email": "user2@example.com"]).makeAsyncIterator()
            await #expect(throws: OmneoClientError.self) { _ = try await pages.next() }
        }
    }
}
