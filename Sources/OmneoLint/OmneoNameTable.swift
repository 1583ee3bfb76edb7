// The `omneo.*` names a recipe may use, and how a dotted path is judged against them.
import OmneoModel

struct OmneoNameTable: Sendable {
    enum Resolution: Equatable {
        /// A known module (a name with names below it): keep following its fields.
        case known(String)
        /// A known leaf (a function, a string like omneo.tenant) or anything below a data table
        /// ("omneo.args.*"): fields of it are values' fields (`omneo.tenant:upper()`), not names.
        case open
        /// Not a name; `suggestion` is the closest sibling, for "did you mean".
        case unknown(String, suggestion: String?)
    }

    private let known: Set<String>
    private let open: Set<String>
    /// Parent path -> the last segments of its known children, for suggestions.
    private let children: [String: Set<String>]
    /// First segments ("omneo"): globals that exist because the names do.
    let roots: Set<String>

    init(_ names: Set<String>) {
        var known: Set<String> = [], open: Set<String> = [], children: [String: Set<String>] = [:]
        for name in names {
            if name.hasSuffix(".*") {
                open.insert(String(name.dropLast(2)))
                continue
            }
            known.insert(name)
            if let dot = name.lastIndex(of: ".") {
                children[String(name[..<dot]), default: []].insert(String(name[name.index(after: dot)...]))
            }
        }
        self.known = known.union(open)
        self.open = open
        self.children = children
        roots = Set(self.known.map { String($0.prefix { $0 != "." }) })
    }

    /// Judges `parent.key`, where `parent` is a path this table called known.
    func resolve(_ parent: String, _ key: String) -> Resolution {
        if open.contains(parent) { return .open }
        let path = parent + "." + key
        if known.contains(path) { return children[path] == nil && !open.contains(path) ? .open : .known(path) }
        let suggestion = Self.suggestion(for: key, among: children[parent] ?? []).map { parent + "." + $0 }
        return .unknown(path, suggestion: suggestion)
    }

    /// The closest name, unless getting there rewrites every letter ("io" is not a typo of "_G").
    static func suggestion(for word: String, among candidates: Set<String>) -> String? {
        guard let best = Suggestion.closest(to: word, among: candidates) else { return nil }
        return Suggestion.distance(word, best) < word.count || best.lowercased() == word.lowercased() ? best : nil
    }
}
