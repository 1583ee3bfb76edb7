// A status job fed ids as the recipe finds them (`omneo.profile_statuses.adder/remover`): each chunk is
// sent the moment it is full, while the recipe goes on reading, and the last one when the stream ends.
// Each chunk goes through the ledger as any other (its profiles' statuses before journaled first), so a
// kill leaves every sent chunk on record; a resumed run that pushes the same ids in the same order cuts
// the same chunks and re-sends none; in another order a chunk goes again, which the additive batch
// makes a no-op (omneo-api.md, "profile status batch").
import OmneoModel

extension StatusWriter {
    struct Stream {
        let feed: ChunkFeed?
        let handles: [String]
        let attach: Bool
        let chunk: Int
        /// A dry run's ids, planned when the stream ends.
        var collected: [String] = []
    }

    /// Checks the handles and the chunk size (a misuse throws before anything is sent) and opens a stream.
    public func openStream(handles: [String], attach: Bool, chunk: Int) async throws -> Int {
        try await check(handles: handles, chunk: chunk)
        if session.dryRun {
            let id = session.nextJobID()
            feeds[id] = Stream(feed: nil, handles: handles, attach: attach, chunk: chunk)
            return id
        }
        let id = open(attach: attach)
        let feed = ChunkFeed(chunk: chunk) { [self] ids, index in
            try await self.append(ids.map { StatusAssignment(profileID: $0, statuses: handles) }, index: index, to: id)
        }
        feeds[id] = Stream(feed: feed, handles: handles, attach: attach, chunk: chunk)
        return id
    }

    public func push(_ ids: [String], to id: Int) throws {
        guard var stream = feeds[id] else { throw WriteMisuse("this stream has ended: push before :wait()") }
        if let feed = stream.feed {
            feed.push(ids)
        } else {
            stream.collected += ids
            feeds[id] = stream
        }
    }

    /// Sends the last chunk, waits for every chunk's answer and returns the job (a dry run plans it).
    public func finishStream(_ id: Int) async throws -> StatusJob {
        guard let stream = feeds.removeValue(forKey: id) else { throw WriteMisuse("this stream has ended already") }
        guard let feed = stream.feed else {
            return try await write(stream.collected.map { StatusAssignment(profileID: $0, statuses: stream.handles) }, attach: stream.attach, chunk: stream.chunk)
        }
        try await feed.finish(sendingRest: true)
        return close(id)
    }
}
