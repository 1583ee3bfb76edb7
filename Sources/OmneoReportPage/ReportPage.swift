// The run report as one self-contained HTML page: one or more journaled runs (a fan-out gets a table with
// a row per tenant on top), each with its header, outcome bars, writes by handle or operation, the rows
// that did not apply (filterable in the page), and its requests over time. No network, no external asset:
// inline CSS, inline SVG, a little plain JS, and a Content-Security-Policy that forbids loading anything.
public import Foundation
import OmneoJournal
import OmneoModel

public enum ReportPage {
    /// The page of `runs` (at least one), as UTF-8 HTML.
    public static func html(_ runs: [ReportPageRun], generated: Date = Date()) -> String {
        let title = runs.count == 1
            ? "omneo-run: run \(runs[0].run.id) on \(runs[0].run.tenant)"
            : "omneo-run: \(runs.count) runs (\(Set(runs.map(\.run.tenant)).sorted().joined(separator: ", ")))"
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header class="page"><h1>\(HTMLText.escaped(title))</h1>
            <p class="generated">Written \(HTMLText.escaped(HTMLText.time(generated.timeIntervalSince1970))) by omneo-run \(HTMLText.escaped(OmneoVersion.current)) from its run journal.</p></header>

            """
        if runs.count > 1 { page += overview(runs) }
        page += filterBar(runs)
        for run in runs { page += section(run) }
        page += "<script>\(script)</script>\n</body>\n</html>\n"
        return page
    }

    static func anchor(_ run: RunRecord) -> String { "run-" + HTMLText.escaped(run.id) }

    static func recipeName(_ run: RunRecord) -> String {
        run.kind == "undo" ? "undo of \(run.undoOf ?? "?")" : (run.recipePath as NSString).lastPathComponent
    }

    static func ended(_ run: RunRecord) -> String {
        var text = run.state
        if let exit = run.exitCode { text += " (exit \(exit))" }
        return text
    }

    static func elapsed(_ run: RunRecord) -> String {
        run.endedAt.map { HTMLText.duration($0 - run.startedAt) } ?? "not ended"
    }

    /// One row per run (per tenant, for a fan-out), linking to its section.
    static func overview(_ runs: [ReportPageRun]) -> String {
        var html = "<section id=\"overview\"><h2>\(runs.count) runs</h2>\n<table id=\"runs-table\"><thead><tr><th>tenant</th><th>run</th><th>recipe</th>"
            + "<th>outcome</th><th class=\"n\">rows</th><th class=\"n\">did not apply</th><th class=\"n\">requests</th><th class=\"n\">time</th></tr></thead><tbody>\n"
        for page in runs {
            let run = page.run
            let rows = run.outcomes.values.reduce(0, +)
            let problems = run.outcomes.filter { ReportPageRun.problemOutcomes.contains($0.key) }.values.reduce(0, +)
            html += "<tr class=\"run-row\" data-run=\"\(HTMLText.escaped(run.id))\">"
                + "<td>\(HTMLText.escaped(run.tenantDisplay))</td><td><a href=\"#\(anchor(run))\">\(HTMLText.escaped(run.id))</a></td>"
                + "<td>\(HTMLText.escaped(recipeName(run)))\(run.dryRun ? " <span class=\"tag\">dry run</span>" : "")</td>"
                + "<td class=\"state \(stateTone(run))\">\(HTMLText.escaped(ended(run)))</td>"
                + "<td class=\"n\" data-rows=\"\(rows)\">\(HTMLText.count(rows))</td><td class=\"n\" data-problems=\"\(problems)\">\(HTMLText.count(problems))</td>"
                + "<td class=\"n\">\(page.requests.map(HTMLText.count) ?? "not recorded")</td><td class=\"n\">\(HTMLText.escaped(elapsed(run)))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    static func stateTone(_ run: RunRecord) -> String {
        switch run.exitCode {
        case 0: return "good"
        case 4: return "warn"
        case nil: return "warn"
        default: return "bad"
        }
    }

    /// The rows' filter: a text box and one button per outcome that did not apply; `#outcome=not_found&q=text`
    /// in the address sets both (`missing` is `not_found`).
    static func filterBar(_ runs: [ReportPageRun]) -> String {
        var outcomes: [String: Int] = [:]
        for run in runs { for row in run.problems { outcomes[row.outcome, default: 0] += 1 } }
        var html = "<nav id=\"filter\" class=\"filter\"><label>Rows that did not apply: <input id=\"filter-text\" type=\"search\" "
            + "placeholder=\"filter by email, id, line or detail\" autocomplete=\"off\"></label> "
            + "<button type=\"button\" class=\"outcome-filter\" data-filter-outcome=\"\" aria-pressed=\"true\">all</button>"
        for outcome in ReportPageRun.problemOutcomes.sorted() {
            html += "<button type=\"button\" class=\"outcome-filter \(ReportCharts.tone(outcome))\" data-filter-outcome=\"\(outcome)\" aria-pressed=\"false\">"
                + "\(outcome) (\(outcomes[outcome, default: 0]))</button>"
        }
        let total = outcomes.values.reduce(0, +)
        return html + " <output id=\"visible-count\" data-visible=\"\(total)\" data-total=\"\(total)\">\(total) of \(total) shown</output></nav>\n"
    }

    static func section(_ page: ReportPageRun) -> String {
        let run = page.run
        var html = "<section class=\"run\" id=\"\(anchor(run))\" data-run=\"\(HTMLText.escaped(run.id))\">\n"
        html += "<h2>\(HTMLText.escaped(run.tenant)): \(HTMLText.escaped(recipeName(run)))</h2>\n"
        html += header(page)
        html += "<h3>Outcomes</h3>\n<div class=\"outcomes\">" + ReportCharts.outcomeBars(run.outcomes) + countsTable(run.outcomes) + "</div>\n"
        html += writes(page)
        html += problems(page)
        html += timelines(page)
        return html + "</section>\n"
    }

    static func header(_ page: ReportPageRun) -> String {
        let run = page.run
        var items: [(String, String, String)] = [
            ("run", "run-id", HTMLText.escaped(run.id) + (run.kind == "undo" ? " (undo of \(HTMLText.escaped(run.undoOf ?? "?")))" : "")),
            ("tenant", "tenant", HTMLText.escaped(run.tenant)),
            ("base URL", "base-url", HTMLText.escaped(run.baseURL ?? "not recorded (a run from before tenant identities)")),
            ("recipe", "recipe", HTMLText.escaped(run.recipePath)),
            ("arguments", "arguments", run.arguments.isEmpty ? "none" : run.arguments.map { "<code>\(HTMLText.escaped($0.joined(separator: "=")))</code>" }.joined(separator: " ")),
        ]
        if !run.options.flags.isEmpty { items.append(("options", "options", "<code>\(HTMLText.escaped(run.options.flags.joined(separator: " ")))</code>")) }
        var who: [String] = []
        for timeline in page.timelines where !who.contains(timeline.who) { who.append(timeline.who) }
        items.append(("who", "who", who.isEmpty ? "not recorded" : HTMLText.escaped(who.joined(separator: ", "))))
        items.append(("started", "started", HTMLText.escaped(HTMLText.time(run.startedAt)) + (run.attempts > 1 ? ", \(run.attempts) attempts" : "")))
        items.append(("ended", "ended", run.endedAt.map { HTMLText.escaped(HTMLText.time($0)) + ", after " + HTMLText.escaped(HTMLText.duration($0 - run.startedAt)) } ?? "no end recorded"))
        items.append(("mode", "mode", run.dryRun ? "<strong>dry run</strong>: nothing was written" : "writes sent"))
        items.append(("outcome", "outcome", "<span class=\"state \(stateTone(run))\">\(HTMLText.escaped(ended(run)))</span>"
            + (run.error.map { ": " + HTMLText.escaped($0) } ?? "")))
        var html = "<dl class=\"header\">"
        for (term, field, value) in items { html += "<dt>\(term)</dt><dd data-field=\"\(field)\">\(value)</dd>" }
        return html + "</dl>\n"
    }

    static func countsTable(_ counts: [String: Int]) -> String {
        var html = "<table class=\"counts\"><thead><tr><th>outcome</th><th class=\"n\">rows</th></tr></thead><tbody>"
        for item in ReportCharts.ordered(counts) {
            let outcome = HTMLText.escaped(item.outcome)
            html += "<tr class=\"\(ReportCharts.tone(item.outcome))\"><td>\(outcome)</td><td class=\"n count\" data-count=\"\(outcome)\">\(item.count)</td></tr>"
        }
        let total = counts.values.reduce(0, +)
        return html + "</tbody><tfoot><tr><td>all rows</td><td class=\"n\" data-count-total=\"\(total)\">\(total)</td></tr></tfoot></table>"
    }

    static func writes(_ page: ReportPageRun) -> String {
        var html = "<h3>Writes</h3>\n"
        let groups = WriteGroup.groups(page.writes)
        if groups.isEmpty {
            return html + "<p class=\"none\">" + (page.run.dryRun ? "A dry run: nothing was sent. The outcomes above say what would change." : "No write was sent.") + "</p>\n"
        }
        html += "<table class=\"writes\"><thead><tr><th>change</th><th class=\"n\">writes</th><th class=\"n\">profiles</th><th class=\"n\">applied</th>"
            + "<th class=\"n\">failed</th><th class=\"n\">refused</th><th class=\"n\">no end recorded</th></tr></thead><tbody>"
        for group in groups {
            html += "<tr class=\"write-group\" data-change=\"\(HTMLText.escaped(group.label))\"><td>\(HTMLText.escaped(group.label))</td>"
                + [group.writes, group.profiles, group.applied, group.failed, group.refused, group.unconfirmed]
                .map { "<td class=\"n\">\(HTMLText.count($0))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table>\n<p class=\"note\">Applied: the tenant finished the write and did not list the profile as failed. "
            + "No end recorded: sent, but the run did not see it finish (it may have applied; <code>omneo-run resume</code> finds out).</p>\n"
    }

    static func problems(_ page: ReportPageRun) -> String {
        let rows = page.problems
        var html = "<h3>Rows that did not apply (\(rows.count))</h3>\n"
        guard !rows.isEmpty else { return html + "<p class=\"none\">Every row applied or was passed over on purpose.</p>\n" }
        html += "<table class=\"problems\" data-run=\"\(HTMLText.escaped(page.run.id))\"><thead><tr><th class=\"n\">line</th><th>outcome</th>"
            + "<th>key</th><th>profile id</th><th>detail</th></tr></thead><tbody>\n"
        for row in rows {
            html += "<tr class=\"problem \(ReportCharts.tone(row.outcome))\" data-outcome=\"\(HTMLText.escaped(row.outcome))\">"
                + "<td class=\"n\">\(row.line.map(String.init) ?? "")</td><td>\(HTMLText.escaped(row.outcome))</td><td>\(HTMLText.escaped(row.key))</td>"
                + "<td>\(HTMLText.escaped(row.profileID ?? ""))</td><td>\(HTMLText.escaped(row.detail ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    static func timelines(_ page: ReportPageRun) -> String {
        var html = "<h3>Requests over time</h3>\n"
        guard !page.timelines.isEmpty else {
            return html + "<p class=\"none\" data-timeline=\"none\">No timeline was recorded for this run: it was made before omneo-run kept one, "
                + "or it never reached its end (killed). Counts and rows above are complete.</p>\n"
        }
        for timeline in page.timelines {
            let batch = timeline.waits.filter { $0.kind == "batch" }.reduce(0) { $0 + $1.end - $1.start }
            let pause = timeline.waits.filter { $0.kind == "pause" }.reduce(0) { $0 + $1.end - $1.start }
            html += "<div class=\"attempt\" data-attempt=\"\(timeline.attempt)\" data-timeline-requests=\"\(timeline.requests)\" "
                + "data-timeline-throttled=\"\(timeline.throttled)\" data-timeline-retries=\"\(timeline.retries)\">"
            if page.timelines.count > 1 || timeline.attempt > 1 { html += "<h4>Attempt \(timeline.attempt)</h4>" }
            html += "<p class=\"totals\">\(HTMLText.count(timeline.requests)) requests, \(HTMLText.count(timeline.throttled)) answered 429, "
                + "\(HTMLText.count(timeline.retries)) retries; \(HTMLText.escaped(HTMLText.duration(batch))) waiting for batches, "
                + "\(HTMLText.escaped(HTMLText.duration(pause))) paused for Retry-After.</p>"
            html += ReportCharts.timeline(timeline) + "</div>\n"
        }
        return html
    }

    static let style = """
        :root{--good:#2f855a;--bad:#c53030;--warn:#b7791f;--plan:#2b6cb0;--neutral:#718096;--ink:#1a202c;--line:#e2e8f0}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:16px 24px 48px}
        h1{font-size:22px;margin:8px 0 2px}h2{font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:32px}
        h3{font-size:16px;margin:22px 0 8px}h4{margin:12px 0 4px}.generated,.note,.legend{color:#4a5568;font-size:12.5px}
        table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#f7fafc;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        dl.header{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:8px 0}dt{color:#4a5568}dd{margin:0;word-break:break-all}
        code{background:#f1f5f9;padding:0 4px;border-radius:3px}.tag{background:var(--plan);color:#fff;border-radius:3px;padding:0 5px;font-size:12px}
        .state.good{color:var(--good)}.state.bad{color:var(--bad)}.state.warn{color:var(--warn)}.state{font-weight:600}
        .outcomes{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
        svg text{font:12px system-ui,sans-serif;fill:var(--ink)}svg .tick{fill:#4a5568;font-size:11px}svg .axis{stroke:#a0aec0}
        .bar.good rect,tr.good td:first-child{fill:var(--good);color:var(--good)}.bar.bad rect,tr.bad td:first-child{fill:var(--bad);color:var(--bad)}
        .bar.warn rect,tr.warn td:first-child{fill:var(--warn);color:var(--warn)}.bar.plan rect,tr.plan td:first-child{fill:var(--plan);color:var(--plan)}
        .bar.neutral rect,tr.neutral td:first-child{fill:var(--neutral);color:var(--neutral)}
        rect.requests{fill:#4299e1}circle.throttled{fill:var(--bad)}rect.retry{fill:#dd6b20}rect.wait.batch{fill:#9f7aea;opacity:.55}rect.wait.pause{fill:var(--bad);opacity:.45}
        .legend .key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:middle}
        .key.requests{background:#4299e1}.key.throttled{background:var(--bad);border-radius:5px}.key.retry{background:#dd6b20}.key.batch{background:#9f7aea}.key.pause{background:#f08080}
        nav.filter{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;z-index:1;margin-top:12px}
        nav.filter input{font:inherit;padding:3px 6px;width:260px}nav.filter button{font:inherit;margin-left:4px;padding:2px 8px;border:1px solid #cbd5e0;background:#fff;border-radius:4px;cursor:pointer}
        nav.filter button[aria-pressed=true]{background:var(--ink);color:#fff}#visible-count{margin-left:10px;color:#4a5568}
        #runs-table td:nth-child(n+2){white-space:nowrap}tr[hidden]{display:none}.none{color:#4a5568;font-style:italic}svg{max-width:100%;height:auto}
        """

    /// Filters every table of rows that did not apply by outcome and text; reads and writes the address's
    /// fragment (`#outcome=not_found&q=gmail`), so a filtered page can be linked and a test can load one.
    static let script = """
        (function(){
        var text=document.getElementById('filter-text'),buttons=[].slice.call(document.querySelectorAll('[data-filter-outcome]')),
        shown=document.getElementById('visible-count'),rows=[].slice.call(document.querySelectorAll('tr.problem')),outcome='';
        function fromHash(){var h=location.hash.replace(/^#/,''),p={};h.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0){
        try{p[kv.slice(0,i)]=decodeURIComponent(kv.slice(i+1).replace(/\\+/g,' '));}catch(e){}}});
        var o=p.outcome||p.filter||'';if(o==='missing'){o='not_found';}outcome=o;text.value=p.q||'';}
        function toHash(){var parts=[];if(outcome){parts.push('outcome='+encodeURIComponent(outcome));}if(text.value){parts.push('q='+encodeURIComponent(text.value));}
        history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);}
        function apply(){var q=text.value.trim().toLowerCase(),n=0;rows.forEach(function(r){var ok=(!outcome||r.getAttribute('data-outcome')===outcome)&&
        (!q||r.textContent.toLowerCase().indexOf(q)>=0);r.hidden=!ok;if(ok){n++;}});
        buttons.forEach(function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-filter-outcome')===outcome));});
        shown.setAttribute('data-visible',String(n));shown.textContent=n+' of '+rows.length+' shown';}
        buttons.forEach(function(b){b.addEventListener('click',function(){outcome=b.getAttribute('data-filter-outcome');toHash();apply();});});
        text.addEventListener('input',function(){toHash();apply();});window.addEventListener('hashchange',function(){fromHash();apply();});
        fromHash();apply();})();
        """
}
