// The page's two charts as inline SVG (no script, no external asset): outcome counts as bars, and an
// attempt's requests per second with its 429s, retries and waits marked.
import OmneoJournal

enum ReportCharts {
    /// A colour class per outcome: written, planned, passed over, not applied, failed.
    static func tone(_ outcome: String) -> String {
        switch outcome {
        case "added", "already_present", "removed", "ensured", "created", "updated": return "good"
        case "failed": return "bad"
        case "not_found", "ambiguous", "invalid": return "warn"
        case _ where outcome.hasPrefix("would_"): return "plan"
        default: return "neutral"
        }
    }

    /// Outcomes most common first (ties by name), as the page lists them.
    static func ordered(_ counts: [String: Int]) -> [(outcome: String, count: Int)] {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    static func outcomeBars(_ counts: [String: Int]) -> String {
        let items = ordered(counts)
        guard let largest = items.first?.count, largest > 0 else { return "<p class=\"none\">No rows were reported.</p>" }
        let rowHeight = 26.0, labelWidth = 150.0, barWidth = 560.0
        let height = Double(items.count) * rowHeight + 8
        var svg = "<svg class=\"bars\" role=\"img\" aria-label=\"row outcomes\" viewBox=\"0 0 \(HTMLText.number(labelWidth + barWidth + 90)) \(HTMLText.number(height))\" "
            + "width=\"\(HTMLText.number(labelWidth + barWidth + 90))\" height=\"\(HTMLText.number(height))\">"
        for (index, item) in items.enumerated() {
            let y = Double(index) * rowHeight + 4
            let width = max(2, barWidth * Double(item.count) / Double(largest))
            let outcome = HTMLText.escaped(item.outcome)
            svg += "<g class=\"bar \(tone(item.outcome))\" data-bar-outcome=\"\(outcome)\">"
            svg += "<title>\(outcome): \(item.count)</title>"
            svg += "<text x=\"\(HTMLText.number(labelWidth - 8))\" y=\"\(HTMLText.number(y + 16))\" text-anchor=\"end\">\(outcome)</text>"
            svg += "<rect x=\"\(HTMLText.number(labelWidth))\" y=\"\(HTMLText.number(y))\" width=\"\(HTMLText.number(width))\" height=\"\(HTMLText.number(rowHeight - 8))\" rx=\"3\"/>"
            svg += "<text class=\"value\" x=\"\(HTMLText.number(labelWidth + width + 6))\" y=\"\(HTMLText.number(y + 16))\">\(HTMLText.count(item.count))</text>"
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    /// Columns drawn at most; a longer attempt shows several seconds per column (their average per second).
    static let columns = 480

    static func timeline(_ timeline: RunTimeline) -> String {
        let seconds = timeline.seconds
        guard let first = seconds.first?.second ?? timeline.waits.first.map({ Int($0.start.rounded(.down)) }) else {
            return "<p class=\"none\">This attempt sent no request.</p>"
        }
        let start = Double(min(first, timeline.waits.map { Int($0.start.rounded(.down)) }.min() ?? first))
        let end = max(Double((seconds.last?.second ?? first) + 1), timeline.waits.map(\.end).max() ?? 0)
        let span = max(1, Int((end - start).rounded(.up)))
        let perColumn = max(1, (span + columns - 1) / columns)
        let count = (span + perColumn - 1) / perColumn
        var requests = [Double](repeating: 0, count: count)
        var throttled = [Int](repeating: 0, count: count)
        var retries = [Int](repeating: 0, count: count)
        for second in seconds {
            let column = min(count - 1, max(0, (second.second - Int(start)) / perColumn))
            requests[column] += Double(second.requests) / Double(perColumn)
            throttled[column] += second.throttled
            retries[column] += second.retries
        }
        let width = 960.0, left = 44.0, top = 14.0, plot = 150.0, bands = 30.0
        let columnWidth = width / Double(count)
        let peak = max(1, requests.max() ?? 1)
        let height = top + plot + 22 + bands + 20
        func x(_ time: Double) -> Double { left + (time - start) / Double(perColumn) * columnWidth }
        var svg = "<svg class=\"timeline\" role=\"img\" aria-label=\"requests per second\" viewBox=\"0 0 \(HTMLText.number(left + width + 10)) \(HTMLText.number(height))\" "
            + "width=\"\(HTMLText.number(left + width + 10))\" height=\"\(HTMLText.number(height))\">"
        // Axes: requests per second up the left, seconds since the attempt's first request along the bottom.
        svg += "<line class=\"axis\" x1=\"\(HTMLText.number(left))\" y1=\"\(HTMLText.number(top))\" x2=\"\(HTMLText.number(left))\" y2=\"\(HTMLText.number(top + plot))\"/>"
        svg += "<line class=\"axis\" x1=\"\(HTMLText.number(left))\" y1=\"\(HTMLText.number(top + plot))\" x2=\"\(HTMLText.number(left + width))\" y2=\"\(HTMLText.number(top + plot))\"/>"
        svg += "<text class=\"tick\" x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(top + 8))\" text-anchor=\"end\">\(HTMLText.number(peak))/s</text>"
        svg += "<text class=\"tick\" x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(top + plot))\" text-anchor=\"end\">0</text>"
        for tick in 0...4 {
            let seconds = Double(span) * Double(tick) / 4
            svg += "<text class=\"tick\" x=\"\(HTMLText.number(left + width * Double(tick) / 4))\" y=\"\(HTMLText.number(top + plot + 16))\" "
                + "text-anchor=\"\(tick == 0 ? "start" : tick == 4 ? "end" : "middle")\">\(HTMLText.number(seconds)) s</text>"
        }
        for column in 0..<count where requests[column] > 0 {
            let barHeight = plot * requests[column] / peak
            let from = Int(start) + column * perColumn
            let label = perColumn == 1 ? "second \(from - Int(start))" : "seconds \(from - Int(start))-\(from - Int(start) + perColumn - 1)"
            svg += "<rect class=\"requests\" x=\"\(HTMLText.number(left + Double(column) * columnWidth + 0.5))\" y=\"\(HTMLText.number(top + plot - barHeight))\" "
                + "width=\"\(HTMLText.number(max(0.5, columnWidth - 1)))\" height=\"\(HTMLText.number(barHeight))\">"
                + "<title>\(label): \(HTMLText.number(requests[column])) requests/s, \(throttled[column]) 429s, \(retries[column]) retries</title></rect>"
        }
        // 429s above their column (red), retries (orange) just under them.
        for column in 0..<count where throttled[column] > 0 {
            let cx = left + (Double(column) + 0.5) * columnWidth
            svg += "<circle class=\"throttled\" data-throttled=\"\(throttled[column])\" cx=\"\(HTMLText.number(cx))\" cy=\"\(HTMLText.number(top - 6))\" r=\"4\">"
                + "<title>\(throttled[column]) answers 429 (Too Many Requests)</title></circle>"
        }
        for column in 0..<count where retries[column] > 0 {
            let cx = left + (Double(column) + 0.5) * columnWidth
            svg += "<rect class=\"retry\" data-retries=\"\(retries[column])\" x=\"\(HTMLText.number(cx - 3))\" y=\"\(HTMLText.number(top + 2))\" width=\"6\" height=\"6\">"
                + "<title>\(retries[column]) retries</title></rect>"
        }
        // Waits: one band for batches waited for, one for Retry-After pauses.
        let bandTop = top + plot + 24
        svg += "<text class=\"tick\" x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(bandTop + 10))\" text-anchor=\"end\">batch</text>"
        svg += "<text class=\"tick\" x=\"\(HTMLText.number(left - 6))\" y=\"\(HTMLText.number(bandTop + 25))\" text-anchor=\"end\">pause</text>"
        for wait in timeline.waits {
            let row = wait.kind == "pause" ? 1.0 : 0.0
            let from = x(wait.start), to = max(x(wait.end), x(wait.start) + 1)
            let kind = HTMLText.escaped(wait.kind)
            svg += "<rect class=\"wait \(kind)\" x=\"\(HTMLText.number(from))\" y=\"\(HTMLText.number(bandTop + row * 15))\" width=\"\(HTMLText.number(to - from))\" height=\"11\">"
                + "<title>\(kind) wait: \(HTMLText.number(wait.start - start)) s to \(HTMLText.number(wait.end - start)) s</title></rect>"
        }
        svg += "</svg>"
        let note = perColumn == 1 ? "" : " Each bar is \(perColumn) seconds (their average per second)."
        return svg + "<p class=\"legend\"><span class=\"key requests\"></span>requests per second "
            + "<span class=\"key throttled\"></span>429 answers <span class=\"key retry\"></span>retries "
            + "<span class=\"key batch\"></span>waiting for a batch <span class=\"key pause\"></span>paused for Retry-After.\(note)</p>"
    }
}
