// `--html [FILE]` on `run` and `show`: the run report as one self-contained HTML page (OmneoReportPage),
// written from the journal. FILE is optional, so the command line is read as ArgumentParser cannot: a
// word after `--html` that ends in `.html` or `.htm` is its file, anything else is not (a run id, a recipe).
import ArgumentParser
import Foundation
import OmneoJournal
import OmneoReportPage
import OmneoRuntime

#if canImport(Glibc)
import Glibc
#endif

struct HTMLPageFlags: ParsableArguments {
    @Flag(name: .customLong("html"), help: ArgumentHelp(
        "Also write the run report as one HTML page: `--html` alone puts it beside the CSV report (reports/<tenant>-<run-id>.html "
            + "under the state dir), `--html FILE.html` where you say (its folder must exist). Opens from file://, needs no network."))
    var html = false

    /// `--html FILE.html`, as `HTMLPageArguments.normalised` passes it.
    @Option(name: .customLong("html-file"), help: .hidden, transform: HTMLPageFlags.checked)
    var file: String?

    var requested: Bool { html || file != nil }

    /// The page's path with `~/` expanded; refused (exit 2) when it names a folder, or a file in a folder that
    /// does not exist or cannot be written.
    static func checked(_ given: String) throws -> String {
        let path = SearchPath.expandingHome(given)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ValidationError("--html \(given) is a folder; name the page in it, e.g. --html \(SearchPath.join(given, "report.html"))")
        }
        let folder = SearchPath.directory(of: path)
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ValidationError("--html \(given): the folder \(folder) does not exist; create it first, or name a page in a folder that does")
        }
        guard access(folder, W_OK) == 0 else {
            throw ValidationError("--html \(given): the folder \(folder) cannot be written (\(String(cString: strerror(errno))))")
        }
        return path
    }

    /// Where the page of `runs` goes: the file given, else the state dir's reports folder.
    func path(for runs: [RunRecord]) -> String {
        if let file { return file }
        guard let first = runs.first else { return StateDirectory.path + "/reports/report.html" }
        let csv = StateDirectory.report(runID: first.id, tenant: runs.count == 1 ? first.tenant : "runs")
        let base = String(csv.dropLast(4))
        return base + (runs.count > 1 ? "-and-\(runs.count - 1)-more" : "") + ".html"
    }

    /// Writes the page of these journaled runs (0600: it holds customer emails); returns its path.
    static func write(_ runs: [RunRecord], journal: Journal, to path: String) throws -> String {
        var pages: [ReportPageRun] = []
        for run in runs { pages.append(try ReportPageRun.load(journal, run: run)) }
        let html = ReportPage.html(pages)
        try PrivateFiles.folder(SearchPath.directory(of: path), tighten: false)
        let descriptor = PrivateFiles.create(path)
        guard descriptor >= 0 else { throw PageFailure("cannot write the page '\(path)': \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(html.utf8))
        } catch {
            throw PageFailure("cannot write the page '\(path)': \(error.localizedDescription)")
        }
        return path
    }

    struct PageFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

enum HTMLPageArguments {
    /// `--html FILE.html` and `--html=FILE` become `--html-file=FILE`; `--html` alone stays the flag. Nothing
    /// after `--` is touched.
    static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                result += arguments[index...]
                break
            }
            if word.hasPrefix("--html=") {
                result.append("--html-file=" + word.dropFirst(7))
            } else if word == "--html", index + 1 < arguments.count, isPage(arguments[index + 1]) {
                result.append("--html-file=" + arguments[index + 1])
                index += 1
            } else {
                result.append(word)
            }
            index += 1
        }
        return result
    }

    static func isPage(_ word: String) -> Bool {
        let lower = word.lowercased()
        return !word.hasPrefix("-") && (lower.hasSuffix(".html") || lower.hasSuffix(".htm"))
    }
}

/// `user@host` of this process, for the page's "who".
enum ProcessOwner {
    static var name: String {
        let environment = ProcessInfo.processInfo.environment
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(getuid())"
        var host = [CChar](repeating: 0, count: 256)
        let hostName = gethostname(&host, host.count) == 0 ? String(cString: host) : ""
        return hostName.isEmpty ? user : "\(user)@\(hostName)"
    }
}
