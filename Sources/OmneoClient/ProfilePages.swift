// Every page of a profile search, fetched one at a time as the loop asks for it, never ahead.
public import OmneoModel
public struct ProfilePages: AsyncSequence, Sendable {
    public typealias Element = ProfilePage

    let client: OmneoClient
    let filters: [String: [String]]
    let pageSize: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, filters: filters, pageSize: pageSize)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let client: OmneoClient
        let filters: [String: [String]]
        let pageSize: Int
        var next = 1
        var finished = false

        public mutating func next() async throws -> ProfilePage? {
            guard !finished else { return nil }
            let page = try await client.profilePage(filters: filters, page: next, size: pageSize)
            // A tenant that keeps saying "more" with empty pages must not loop forever.
            finished = !page.hasNextPage || page.profiles.isEmpty
            next += 1
            return page
        }
    }
}
