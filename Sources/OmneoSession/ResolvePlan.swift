// How `omneo.profiles.resolve` turns emails into ids: one lookup per email, or one scan of the tenant
// (matched locally) plus a lookup per email the scan did not find. `auto` takes the one with fewer
// requests, from the first page's total (`--resolve`, or `{plan=}` in the recipe).
public enum ResolvePlan: String, Sendable, CaseIterable {
    case auto, lookups, scan

    /// Below this many emails to ask, lookups always win (a scan costs at least its first page, and a
    /// probe that loses is a request wasted).
    static let probeFrom = 50
    static let pageSize = 100
}
