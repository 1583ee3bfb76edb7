// `omneo-run RECIPE.lua --help`: what the recipe says of itself (its opening comment) and the parameters its
// omneo.params declares, with types, defaults and descriptions.
import OmneoRuntime

#if canImport(Glibc)
import Glibc
#endif

struct RecipeHelp {
    let recipe: String
    let libraries: [String]

    /// The recipe a command line asks help for (`omneo-run [run] RECIPE.lua ... --help`); nil for any other help
    /// (`omneo-run --help`, `omneo-run run --help`), which ArgumentParser gives.
    init?(arguments: [String]) {
        var words = arguments.prefix { $0 != "--" }
        if words.first == "run" { words = words.dropFirst() }
        guard let first = words.first, first.hasSuffix(".lua"), !first.hasPrefix("-"),
              words.contains(where: { $0 == "--help" || $0 == "-h" }) else { return nil }
        recipe = first
        var libraries: [String] = []
        var rest = words.dropFirst().makeIterator()
        while let word = rest.next() {
            if word == "--lib", let folder = rest.next() { libraries.append(folder) }
            if word.hasPrefix("--lib=") { libraries.append(String(word.dropFirst("--lib=".count))) }
        }
        self.libraries = libraries
    }

    /// Prints the help (stdout) or why there is none (stderr); returns the exit code.
    func print() -> Int32 {
        var options = RecipeOptions(recipePath: recipe)
        let path = getenv("OMNEO_PATH").map { String(cString: $0) } ?? ""
        options.libraryDirectories = libraries + path.split(separator: ":").map(String.init)
        options.stdlibDirectory = StdlibLocator.find()
        switch RecipeRunner.parameters(options) {
        case .success(let parameters):
            Console.output(text(parameters))
            return ExitStatus.done
        case .failure(let failure):
            if case .unusable(let message) = failure.outcome, message.contains("this run has no tenant") {
                Console.error("omneo-run: \(recipe) asks the tenant for something before it calls omneo.params, so its "
                    + "parameters cannot be listed without running it (call omneo.params first): \(message)")
                return ExitStatus.recipeError
            }
            return ExitStatus.report(failure.outcome)
        }
    }

    func text(_ parameters: [RecipeParameter]?) -> String {
        var lines = Self.openingComment(FileContents.read(recipe) ?? [])
        if !lines.isEmpty { lines.append("") }
        lines.append("USAGE: omneo-run \(recipe) [--arg KEY=VALUE ...] [--tenant NAME | --sandbox] [--dry-run] [options]")
        lines.append("")
        if let parameters, !parameters.isEmpty {
            lines.append("PARAMETERS (each given as --arg KEY=VALUE):")
            let listed = parameters.sorted { ($0.required ? 0 : 1, $0.name) < ($1.required ? 0 : 1, $1.name) }
            let rows = listed.map { parameter in
                (parameter.name, parameter.type + (parameter.required ? ", required" : "")
                    + (parameter.defaultValue.map { ", default \($0)" } ?? ""), parameter.description ?? "")
            }
            let nameWidth = rows.map(\.0.count).max() ?? 0, kindWidth = rows.map(\.1.count).max() ?? 0
            for (name, kind, description) in rows {
                let line = "  " + Self.padded(name, nameWidth) + "  " + Self.padded(kind, kindWidth) + "  " + description
                lines.append(description.isEmpty ? "  " + Self.padded(name, nameWidth) + "  " + kind : line)
            }
        } else if parameters == nil {
            lines.append("This recipe declares no parameters (it does not call omneo.params).")
        } else {
            lines.append("This recipe takes no parameters.")
        }
        lines.append("")
        lines.append("Options for every run (--tenant, --sandbox, --dry-run, --report, ...): omneo-run run --help")
        return lines.joined(separator: "\n")
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// The recipe's first lines while they are `--` comments (a `#!` line and LuaCATS `---@` lines skipped).
    static func openingComment(_ source: [UInt8]) -> [String] {
        var lines: [String] = []
        for line in String(decoding: source, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if lines.isEmpty, text.hasPrefix("#!") { continue }
            guard text.hasPrefix("--"), !text.hasPrefix("--[[") else { break }
            if text.hasPrefix("---@") { continue }
            let comment = text.drop { $0 == "-" }
            lines.append(String(comment.hasPrefix(" ") ? comment.dropFirst() : comment))
        }
        return lines
    }
}
