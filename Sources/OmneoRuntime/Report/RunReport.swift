// The run report: one CSV row per input row (key, profile_id, outcome, detail), written as the run goes.
public import OmneoSession
import OmneoJournal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

public final class RunReport: OutcomeRows {
    /// What a row can end in; `would_*` only under --dry-run.
    public static let outcomes = [
        "added", "already_present", "removed", "ensured", "not_found", "ambiguous", "invalid", "failed", "skipped",
        "would_add", "would_remove", "created", "updated", "would_create", "would_update",
    ]

    public let path: String?
    let dryRun: Bool
    /// Each row also goes to the run journal (`omneo-run show`).
    let journal: RunJournal?
    private var file: UnsafeMutablePointer<FILE>?
    private var openError: String?
    public private(set) var counts: [String: Int] = [:]
    public private(set) var rows = 0

    /// `path` nil keeps counts only (no file).
    public init(path: String?, dryRun: Bool, journal: RunJournal? = nil) {
        self.path = path
        self.dryRun = dryRun
        self.journal = journal
    }

    deinit { close() }

    /// Appends a row and flushes it, so a crash loses at most the row being written.
    /// Returns a message when the file cannot be written (the run goes on; the summary says so).
    /// The recipe's text is stored with its control characters escaped (VisibleText), the same in the file
    /// and in the journal: a NUL or a line break can neither cut a row short nor forge another.
    @discardableResult
    package func row(key: String, profileID: String?, outcome: String, detail: String?) -> String? {
        let key = VisibleText.escaping(key)
        let profileID = profileID.map(VisibleText.escaping)
        let detail = detail.map(VisibleText.escaping)
        rows += 1
        counts[outcome, default: 0] += 1
        var problem: String?
        if let journal {
            do {
                try journal.row(key: key, profileID: profileID, outcome: outcome, detail: detail, seq: rows)
            } catch {
                problem = "\(error)"
            }
        }
        return writeLine(key: key, profileID: profileID, outcome: outcome, detail: detail) ?? problem
    }

    private func writeLine(key: String, profileID: String?, outcome: String, detail: String?) -> String? {
        guard let path else { return nil }
        if file == nil, openError == nil { open(path) }
        guard let file else { return openError }
        var line = [key, profileID ?? "", outcome, detail ?? ""].map(Self.field).joined(separator: ",") + "\n"
        line.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        fflush(file)
        return nil
    }

    private func open(_ path: String) {
        // Rows hold customer emails: a new folder is 0700, the file 0600 (see PrivateFiles).
        try? PrivateFiles.folder(SearchPath.directory(of: path), tighten: false)
        let descriptor = PrivateFiles.create(path)
        guard descriptor >= 0, let handle = fdopen(descriptor, "w") else {
            openError = "cannot write the report '\(path)': \(String(cString: strerror(errno)))"
            return
        }
        file = handle
        wroteFile = true
        fputs("key,profile_id,outcome,detail\n", handle)
    }

    /// Set when the last rows could not be journaled at the end.
    public private(set) var journalError: String?

    /// True once a row was written to the file.
    public private(set) var wroteFile = false

    public var failedRows: Int { counts["failed", default: 0] }

    public func close() {
        do { try journal?.flushRows() } catch { journalError = "\(error)" }
        if let file { fclose(file) }
        file = nil
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), text.count > 1 { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
