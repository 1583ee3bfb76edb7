// One problem `omneo-run check` reports, printed the way Lua prints errors: "file:line: message".

public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    /// The chunk as Lua displays it: "recipes/foo.lua" for the chunk name "@recipes/foo.lua".
    public let chunkName: String
    /// 0 when the problem has no line (an error that is not about the source).
    public let line: Int
    public let message: String
    /// True when the recipe would fail at this line if run (a syntax error, an unknown `omneo.*` name or
    /// global), so `run` stops before it starts; false for what works but is risky (a global assigned).
    public let stopsARun: Bool

    public init(chunkName: String, line: Int, message: String, stopsARun: Bool = true) {
        self.chunkName = chunkName
        self.line = line
        self.message = message
        self.stopsARun = stopsARun
    }

    public var description: String {
        line > 0 ? "\(chunkName):\(line): \(message)" : "\(chunkName): \(message)"
    }
}

extension LintFinding {
    /// lobject.c's luaO_chunkid, so findings name the chunk exactly as Lua's own errors do.
    static func displayName(of chunkName: String) -> String {
        let limit = 60 - 1  // LUA_IDSIZE, less the terminator
        if let first = chunkName.first, first == "=" || first == "@" {
            let name = chunkName.dropFirst()
            guard name.utf8.count > limit else { return String(name) }
            // "=" keeps the start, "@" keeps the end (the file name) behind "...".
            return first == "=" ? String(decoding: name.utf8.prefix(limit), as: UTF8.self)
                : "..." + String(decoding: name.utf8.suffix(limit - 3), as: UTF8.self)
        }
        let available = limit - "[string \"...\"]".utf8.count
        let firstLine = chunkName.prefix { $0 != "\n" && $0 != "\r" }
        if firstLine.count == chunkName.count, chunkName.utf8.count < available {
            return "[string \"\(chunkName)\"]"
        }
        return "[string \"\(String(decoding: firstLine.utf8.prefix(available), as: UTF8.self))...\"]"
    }
}
