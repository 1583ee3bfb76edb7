// What tenants send, read leniently: counts as strings, lists without meta, statuses as objects.
import OmneoModel
@testable import OmneoClient
import Foundation
import Testing

@Suite struct LenientDecodingTests {
    private func json(_ text: String) throws -> JSONValue {
        try #require(JSONValue(json: Data(text.utf8)))
    }

    @Test func batchCountsAsStringsOrNumbers() throws {
        let text = """
            {"data":{"id":"b1","entity_type":"profile_status","status":"success","total_count":"3",
            "processed_count":"3","success_count":2,"failed_count":"1",
            "items":[{"id":"i1","entity_id":"p9","status":"failed","error":"Profile not found."}]}}
            """
        let progress = try #require(BatchProgress(try json(text)))
        #expect(progress.totalCount == 3 && progress.processedCount == 3 && progress.successCount == 2 && progress.failedCount == 1)
        #expect(progress.isDone && progress.items.first?.failed == true && progress.items.first?.entityID == "p9")
        let pending = try #require(BatchProgress(try json(#"{"data":{"id":"b2","status":"pending","total_count":null,"processed_count":0}}"#)))
        #expect(!pending.isDone && pending.totalCount == nil && pending.failedCount == 0)
        #expect(BatchProgress(try json(#"{"data":{}}"#)) == nil)
    }

    @Test func listsWithAndWithoutMeta() throws {
        let bare = try #require(PageEnvelope(try json(#"{"data":[{"id":"a"},{"id":"b"}]}"#), requested: 1, size: 100))
        #expect(bare.items.count == 2 && !bare.hasNextPage)
        let withMeta = try #require(PageEnvelope(
            try json(#"{"data":[{"id":"a"}],"meta":{"current_page":"2","last_page":"3","total":"201"}}"#), requested: 2, size: 100))
        #expect(withMeta.currentPage == 2 && withMeta.lastPage == 3 && withMeta.total == 201 && withMeta.hasNextPage)
        let lastPage = try #require(PageEnvelope(try json(#"{"data":[{"id":"a"}],"meta":{"current_page":3,"last_page":3}}"#), requested: 3, size: 100))
        #expect(!lastPage.hasNextPage)
        let linksOnly = try #require(PageEnvelope(try json(#"{"data":[{"id":"a"}],"links":{"next":"https://x/api?page=2"}}"#), requested: 1, size: 1))
        #expect(linksOnly.hasNextPage)
        let list = try #require(PageEnvelope(try json(#"[{"id":"a"}]"#), requested: 1, size: 100))
        #expect(list.items.count == 1 && !list.hasNextPage)
        #expect(PageEnvelope(try json(#"{"message":"oops"}"#), requested: 1, size: 100) == nil)
    }

    @Test func profilesAndStatusesReadLeniently() throws {
        let profile = try #require(OmneoProfile(try json(
            #"{"id":123,"email":"a@example.com","statuses_original":[{"handle":"vip","name":"VIP"}],"custom":{"x":1}}"#)))
        #expect(profile.id == "123" && profile.statuses == ["vip"] && profile["custom"]?["x"] == 1)
        #expect(OmneoProfile(try json(#"{"email":"no-id@example.com"}"#)) == nil)
        let status = try #require(OmneoStatus(try json(#"{"id":"7","handle":"vip","name":"VIP","sort_order":"2","group_handle":null}"#)))
        #expect(status.id == 7 && status.sortOrder == 2 && status.groupHandle == nil)
        let receipt = try #require(BatchReceipt(try json(#"{"message":"Queued for processing.","batch_id":"b-1"}"#)))
        #expect(receipt.batchID == "b-1")
    }

    @Test func valuesRoundTripAndEncodeWholeNumbersAsIntegers() throws {
        let value: JSONValue = ["n": 3.0, "f": 1.5, "s": "a+b@c", "l": [true, nil]]
        let text = String(decoding: value.serialized(), as: UTF8.self)
        #expect(text == #"{"f":1.5,"l":[true,null],"n":3,"s":"a+b@c"}"#)
        #expect(JSONValue(json: value.serialized()) == value)
        #expect(JSONValue.string(" 42 ").lenientInt == 42 && JSONValue.string("4.5").lenientInt == nil)
    }

    @Test func retryAfterAsSecondsOrAnHTTPDate() {
        #expect(APIResponse.retryAfter("3") == 3)
        #expect(APIResponse.retryAfter(" 1.5 ") == 1.5)
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // 2015-10-21 07:27:50 GMT
        #expect(APIResponse.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 10)
        #expect(APIResponse.retryAfter("soon") == nil && APIResponse.retryAfter(nil) == nil)
    }

    @Test func queriesEncodeEveryReservedCharacter() {
        let request = APIRequest("GET", ["v3", "profiles", "a/b c"], query: [("filter[email]", "jane+vip@example.com")], scope: nil)
        #expect(request.target == "/v3/profiles/a%2Fb%20c?filter%5Bemail%5D=jane%2Bvip%40example.com")
        #expect(request.display == "GET /v3/profiles/a/b c?filter[email]=jane+vip@example.com")
        let query = OmneoClient.profileQuery(["email": ["x"], "statuses.handle": ["vip", "gold"], "sort": ["-created_at"]])
        #expect(query.map(\.name) == ["filter[email]", "sort", "filter[statuses.handle]", "filter[statuses.handle]"])
        #expect(query.map(\.value) == ["x", "-created_at", "vip", "gold"])
    }
}
