// The run report: one CSV row per input row (row, key, email, profile_id, outcome, change, detail), written as
// the run goes and put in input order when it ends.
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
        "would_add", "would_remove", "created", "updated", "would_create", "would_update", "not_present", "conflict",
    ]

    public let path: String?
    let dryRun: Bool
    /// Each row also goes to the run journal (`omneo-run show`).
    let journal: RunJournal?
    private var file: UnsafeMutablePointer<FILE>?
    private var openError: String?
    public private(set) var counts: [String: Int] = [:]
    public private(set) var rows = 0
    /// The lines written so far with the input line of each, to put them in input order at the end.
    private var written: [(line: Int?, text: String)] = []
    /// Blank lines of the CSV files read (file, line): rows of the input too, reported at the end.
    private var blankLines: [(path: String, line: Int)] = []
    private var seenBlank: Set<String> = []
    /// True once a row named its input line: the report is one of input rows.
    private var numbered = false
    private var closed = false

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
    package func row(_ row: ReportRow) -> String? {
        var row = row
        row.key = VisibleText.escaping(row.key)
        row.email = row.email.map(VisibleText.escaping)
        row.profileID = row.profileID.map(VisibleText.escaping)
        row.change = row.change.map(VisibleText.escaping)
        row.detail = row.detail.map(VisibleText.escaping)
        rows += 1
        counts[row.outcome, default: 0] += 1
        if row.line != nil { numbered = true }
        var problem: String?
        if let journal {
            do {
                try journal.row(key: row.key, profileID: row.profileID, outcome: row.outcome, detail: row.detail, seq: rows, line: row.line)
            } catch {
                problem = "\(error)"
            }
        }
        return writeLine(row) ?? problem
    }

    /// A blank line of a CSV file the recipe read: once the run ends it is a `skipped` row naming its line
    /// (when the report is one of input rows: some row names its line), so every line of the input appears.
    package func blankLine(_ line: Int, in path: String) {
        guard seenBlank.insert("\(line):\(path)").inserted else { return }
        blankLines.append((path, line))
    }

    private func writeLine(_ row: ReportRow) -> String? {
        guard let path else { return nil }
        if file == nil, openError == nil { open(path) }
        guard let file else { return openError }
        let fields = [row.line.map(String.init) ?? "", row.key, row.email ?? "", row.profileID ?? "", row.outcome, row.change ?? "", row.detail ?? ""]
        let line = fields.map(Self.field).joined(separator: ",") + "\n"
        written.append((row.line, line))
        var bytes = line
        bytes.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        fflush(file)
        return nil
    }

    private static var headerLine: String { ReportRow.columns.joined(separator: ",") + "\n" }

    private func open(_ path: String) {
        // Rows hold customer emails: a new folder is 0700, the file 0600 (see PrivateFiles).
        try? PrivateFiles.folder(SearchPath.directory(of: path), tighten: false)
        guard let handle = Self.create(path) else {
            openError = "cannot write the report '\(path)': \(String(cString: strerror(errno)))"
            return
        }
        file = handle
        wroteFile = true
        fputs(Self.headerLine, handle)
    }

    private static func create(_ path: String) -> UnsafeMutablePointer<FILE>? {
        let descriptor = PrivateFiles.create(path)
        guard descriptor >= 0 else { return nil }
        guard let handle = fdopen(descriptor, "w") else {
            Glibc.close(descriptor)
            return nil
        }
        return handle
    }

    /// Set when the last rows could not be journaled at the end.
    public private(set) var journalError: String?

    /// True once a row was written to the file.
    public private(set) var wroteFile = false

    public var failedRows: Int { counts["failed", default: 0] + counts["conflict", default: 0] }

    public func close() {
        guard !closed else { return }
        closed = true
        reportBlankLines()
        do { try journal?.flushRows() } catch { journalError = "\(error)" }
        if let file { fclose(file) }
        file = nil
        putInInputOrder()
    }

    private func reportBlankLines() {
        guard numbered else { return }
        for (path, line) in blankLines {
            row(ReportRow(line: line, key: "", outcome: "skipped", detail: "line \(line) of \(path) is blank"))
        }
    }

    /// Rewrites the file with its rows sorted by input line when the recipe reported them in another order
    /// (a row naming no line stays right after the row before it). Written beside it, then renamed over it.
    private func putInInputOrder() {
        guard let path, wroteFile else { return }
        var current = 0
        let keyed = written.enumerated().map { offset, entry -> (line: Int, offset: Int) in
            if let line = entry.line { current = line }
            return (current, offset)
        }
        let sorted = keyed.sorted { $0.line != $1.line ? $0.line < $1.line : $0.offset < $1.offset }
        guard sorted.map(\.offset) != Array(written.indices) else { return }
        let temporary = path + ".sorting"
        guard let handle = Self.create(temporary) else { return }
        fputs(Self.headerLine, handle)
        for entry in sorted { fputs(written[entry.offset].text, handle) }
        let ok = fflush(handle) == 0
        fclose(handle)
        if ok, rename(temporary, path) == 0 { return }
        unlink(temporary)
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), text.count > 1 { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
