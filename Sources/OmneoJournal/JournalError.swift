// Why the journal could not be used, worded for the user with the database's path.
public enum JournalError: Error, CustomStringConvertible, Sendable {
    /// The file is not a database, or its pages are damaged.
    case corrupt(path: String, detail: String)
    /// Written by a newer omneo-run: this one does not know its schema and will not touch it.
    case newerSchema(path: String, unknown: [String])
    /// Cannot be created, opened or written (permissions, disk full, locked too long).
    case unavailable(path: String, detail: String)
    /// No run with that id (or prefix), or a prefix that names several.
    case unknownRun(String)
    case ambiguousRun(String, [String])

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            "the run journal \(path) is damaged (\(detail)); move it aside to start a new one (the old runs stay in the moved file)"
        case .newerSchema(let path, let unknown):
            "the run journal \(path) was written by a newer omneo-run (schema \(unknown.joined(separator: ", "))); upgrade omneo-run, or set XDG_STATE_HOME to use another journal"
        case .unavailable(let path, let detail):
            "cannot use the run journal \(path): \(detail)"
        case .unknownRun(let id):
            "no run '\(id)' in the journal (`omneo-run runs` lists them)"
        case .ambiguousRun(let id, let matches):
            "'\(id)' names several runs: \(matches.prefix(5).joined(separator: ", ")); give more of the id"
        }
    }
}
