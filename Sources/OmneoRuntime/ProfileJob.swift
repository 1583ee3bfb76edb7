// A profile upsert as the recipe sees it: which rows went in which batch, which were refused before sending,
// and which already existed (so a batch item's entity id tells created from updated).
import LuaHost

struct ProfileJob {
    let id: Int
    /// How many profiles the recipe passed; rows are numbered 1...count, as in its Lua list.
    let count: Int
    /// The batches sent, each with the rows it carried, in the order sent.
    var batches: [(batchID: String, rows: [Int], write: Int64?)] = []
    /// Rows refused before sending (field rules), with the Laravel-style message.
    var invalid: [Int: String] = [:]
    /// Rows whose chunk was refused or got no answer, with why.
    var unsent: [Int: String] = [:]
    /// Rows whose match value named an existing profile, with its id.
    var existing: [Int: String] = [:]

    var luaValue: LuaValue {
        .object([
            "id": .integer(Int64(id)),
            "batch_ids": .array(batches.map { .string($0.batchID) }),
            "invalid": .array(invalid.keys.sorted().map { Self.failure($0, invalid[$0]!) }),
        ])
    }

    static func failure(_ row: Int, _ error: String) -> LuaValue {
        .object(["index": .integer(Int64(row)), "error": .string(error)])
    }
}
