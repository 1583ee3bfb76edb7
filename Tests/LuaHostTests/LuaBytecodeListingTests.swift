// Cross-check with the reference compiler: opcode names and lines agree with `luac5.4 -l -l`.
import Foundation
import LuaHost
import Testing

@Suite struct LuaBytecodeListingTests {
    static let luac = ["/usr/bin/luac5.4", "/usr/local/bin/luac5.4", "/opt/homebrew/bin/luac5.4"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: luac != nil, "luac5.4 is not installed"))
    func opcodesAndLinesMatchLuac() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-bytecode-\(getpid()).lua")
        try BytecodeFixture.large.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let listing = try Self.listing(of: path.path)
        let ours = BytecodeFixture.flatten(try BytecodeFixture.read(BytecodeFixture.large)).map { proto in
            zip(proto.code, proto.lines).map { "\($0.opcode?.name ?? "?") \($1)" }
        }
        #expect(ours.count == 3)
        #expect(ours == listing)
    }

    /// "OPNAME line" per instruction, one array per function, from luac's listing.
    static func listing(of path: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(luac))
        process.arguments = ["-l", "-l", "-p", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var functions: [[String]] = []
        for line in output.split(separator: "\n") {
            if line.hasPrefix("main <") || line.hasPrefix("function <") { functions.append([]); continue }
            // "\t12\t[208]\tSETFIELD \t3 2 3k\t; ..." : pc, [line], opcode.
            let fields = line.split(separator: "\t", omittingEmptySubsequences: true)
            guard fields.count >= 3, Int(fields[0]) != nil, fields[1].hasPrefix("["), !functions.isEmpty else { continue }
            let lineNumber = fields[1].dropFirst().dropLast()
            let name = fields[2].trimmingCharacters(in: .whitespaces)
            functions[functions.count - 1].append("\(name) \(lineNumber)")
        }
        return functions
    }
}
