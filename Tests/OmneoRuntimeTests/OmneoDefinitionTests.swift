// stdlib/_meta/omneo.lua, the editors' definition of `omneo`, names what the bindings define and is what
// tools/make-omneo-meta.py writes from their Lua today.
import Foundation
import Testing
@testable import OmneoRuntime
import OmneoTesting

@Suite struct OmneoDefinitionTests {
    static let definitionFile = StdlibLocator.sourceTree + "/stdlib/_meta/omneo.lua"
    static let generator = StdlibLocator.sourceTree + "/tools/make-omneo-meta.py"

    /// What the file defines at top level: `function omneo.a.b(...) end` and `omneo.a = ...`.
    static func definedNames(_ text: String) -> Set<String> {
        var names: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("function omneo"), let open = line.firstIndex(of: "(") {
                names.insert(String(line[line.index(line.startIndex, offsetBy: "function ".count)..<open]))
            } else if line.hasPrefix("omneo"), let equals = line.range(of: " = ") {
                names.insert(String(line[..<equals.lowerBound]))
            }
        }
        return names
    }

    static func definition() throws -> String {
        try String(contentsOfFile: definitionFile, encoding: .utf8)
    }

    @Test func parsesDefinitions() {
        let names = Self.definedNames("---@class omneo\nomneo = {}\nomneo.log = {}\n--- x\nfunction omneo.log.info(fmt, ...) end\nomneo.args = nil\n")
        #expect(names == ["omneo", "omneo.log", "omneo.log.info", "omneo.args"])
    }

    /// A binding nobody documented would be invisible to editors (and unchecked by them).
    @Test func everyBoundNameIsDefined() throws {
        let defined = Self.definedNames(try Self.definition())
        for module in OmneoModules.all + [OmneoTest.self] as [any OmneoModule.Type] {
            // "omneo.args.*" (any field) is covered by the definition of omneo.args.
            for name in module.names where !defined.contains(name.hasSuffix(".*") ? String(name.dropLast(2)) : name) {
                Issue.record("\(module).names has \(name), but stdlib/_meta/omneo.lua does not define it: document it (LuaCATS) in the module's Lua/omneo/*.lua and run `python3 tools/make-omneo-meta.py`")
            }
        }
    }

    /// A definition no module binds would promise editors a function that fails at run time (and `check` refuses).
    @Test func everyDefinitionIsBound() throws {
        let unbound = Self.definedNames(try Self.definition()).subtracting(OmneoModules.names(with: [OmneoTest.self]))
        #expect(unbound.isEmpty, "stdlib/_meta/omneo.lua defines \(unbound.sorted()), which no OmneoModule lists in its names")
    }

    @Test func checkedInDefinitionIsWhatTheGeneratorWritesNow() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.generator, "--stdout"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let generated = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 tools/make-omneo-meta.py --stdout failed")
        let checkedIn = try Self.definition().split(separator: "\n", omittingEmptySubsequences: false)
        let fresh = generated.split(separator: "\n", omittingEmptySubsequences: false)
        // Compared as a flag: on failure the message names the line, not both files in full.
        let stale = checkedIn != fresh
        let line = (zip(checkedIn, fresh).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(checkedIn.count, fresh.count)) + 1
        #expect(!stale, "stdlib/_meta/omneo.lua is stale from line \(line) on: run `python3 tools/make-omneo-meta.py`")
    }
}
