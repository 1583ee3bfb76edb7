// A profile upsert as the recipe sees it: which rows went in which batch, which were refused before sending,
// and which already existed (so a batch item's entity id tells created from updated).

public struct ProfileJob: Sendable {
    public let id: Int
    /// How many profiles the recipe passed; rows are numbered 1...count, as in its Lua list.
    let count: Int
    /// The batches sent, each with the rows it carried, in the order sent.
    public package(set) var batches: [(batchID: String, rows: [Int], write: Int64?)] = []
    /// Rows refused before sending (field rules), with the Laravel-style message.
    public package(set) var invalid: [Int: String] = [:]
    /// Rows whose chunk was refused or got no answer, with why.
    var unsent: [Int: String] = [:]
    /// Rows whose match value named an existing profile, with its id.
    var existing: [Int: String] = [:]
    /// Rows of a chunk whose answer was lost, concluded by reading them back (no batch to wait for).
    var readBack: [Int: UpsertResult.Row] = [:]
}
