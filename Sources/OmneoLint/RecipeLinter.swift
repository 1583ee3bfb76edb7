// `omneo-run check`'s linter: finds mistakes in a recipe from its bytecode, without running it.
//
// Compiling gives syntax errors for free; the compiled code says exactly which names are
// globals (reads and writes through _ENV) and which `omneo.*` fields are looked up, so no
// guessing from the text: locals, upvalues and table fields can never be mistaken for globals.
import LuaHost

public struct RecipeLinter: Sendable {
    private let knownGlobals: Set<String>
    private let names: OmneoNameTable

    /// `knownGlobals`: what the sandbox defines (print, string, pcall, ...). `omneoNames`: every
    /// known module and function ("omneo.log", "omneo.log.info"); "omneo.args.*" allows any
    /// field below omneo.args. The roots of these names ("omneo") are known globals too.
    public init(knownGlobals: Set<String>, omneoNames: Set<String>) {
        names = OmneoNameTable(omneoNames)
        self.knownGlobals = knownGlobals.union(names.roots)
    }

    /// Findings in line order. A syntax error is the only finding when the chunk does not compile.
    public func lint(source: [UInt8], chunkName: String) -> [LintFinding] {
        let display = LintFinding.displayName(of: chunkName)
        let main: LuaPrototype
        do {
            let state = try LuaState()
            main = try LuaBytecode.read(state.dump(state.load(source, chunkName: chunkName)))
        } catch let error as LuaError {
            return [Self.compileFinding(error.message, chunk: display)]
        } catch {
            return [LintFinding(chunkName: display, line: 0, message: "cannot lint: \(error)")]
        }
        var scan = LintScan(names: names)
        // lua_load makes the main function's first upvalue the global table, whatever its name.
        scan.scan(main, upvalues: main.upvalues.indices.map { $0 == 0 ? .environment : nil })
        return findings(scan.events, chunk: display)
    }

    private func findings(_ events: [(line: Int, event: LintScan.Event)], chunk: String) -> [LintFinding] {
        // A global the recipe assigns is reported once, where it is assigned, not at every read.
        let assigned = Set(events.compactMap { if case .write(let name, _) = $0.event { name } else { nil } })
        var seen: Set<String> = []
        return events.compactMap { line, event -> LintFinding? in
            guard let message = message(for: event, assigned: assigned),
                  seen.insert("\(line):\(message)").inserted else { return nil }
            if case .write = event { return LintFinding(chunkName: chunk, line: line, message: message, stopsARun: false) }
            return LintFinding(chunkName: chunk, line: line, message: message)
        }
        .enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    private func message(for event: LintScan.Event, assigned: Set<String>) -> String? {
        switch event {
        case .read(let name):
            guard !knownGlobals.contains(name), !assigned.contains(name) else { return nil }
            return "unknown global '\(name)'" + Self.hint(OmneoNameTable.suggestion(for: name, among: knownGlobals))
        case .write(let name, let isFunction):
            return "assignment to undeclared global '\(name)' (declare it with '\(isFunction ? "local function" : "local")')"
        case .unknownName(let path, let suggestion):
            return "unknown name '\(path)'" + Self.hint(suggestion)
        }
    }

    private static func hint(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Lua's message is "chunk:line: text"; keep the line as a number and the text as the message.
    static func compileFinding(_ message: String, chunk: String) -> LintFinding {
        let rest = message.hasPrefix(chunk + ":") ? message.dropFirst(chunk.count + 1) : Substring("")
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let line = Int(digits), rest.dropFirst(digits.count).hasPrefix(": ") else {
            return LintFinding(chunkName: chunk, line: 0, message: message)
        }
        return LintFinding(chunkName: chunk, line: line, message: String(rest.dropFirst(digits.count + 2)))
    }
}
