// Build tool plugin: compiles a target's Lua/**/*.lua into EmbeddedLua.swift, one string constant per file.
//
// The sources end up inside the binary, so an installed omneo-run needs no resource bundle (and no Foundation
// at start-up to find one). A target opts in with `plugins: ["EmbedLua"]` and `exclude: ["Lua"]`: excluded
// files are not in `sourceFiles`, so the plugin walks the folder itself. Plugins run at every build, so a
// .lua file added or removed is picked up without touching Package.swift.
import Foundation
import PackagePlugin

@main
struct EmbedLua: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        // `SwiftSourceModuleTarget.directoryURL` is the 6.0 spelling; `Target.directoryURL` needs tools 6.1.
        guard let target = target as? SwiftSourceModuleTarget else {
            throw EmbedLuaError("EmbedLua: \(target.name) is not a Swift target")
        }
        let root = target.directoryURL.appending(path: "Lua")
        let files = try luaFiles(under: root)
        guard !files.isEmpty else { throw EmbedLuaError("EmbedLua: \(target.name) has no .lua files under \(root.path)") }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLua.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) Lua files in \(target.name)",
                executable: try context.tool(named: "embed-lua").url,
                arguments: [output.path, root.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }

    /// Sorted, so the generated file does not depend on directory order; built from `root`, so the tool
    /// can take each file's path under it as the constant's name.
    private func luaFiles(under root: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else {
            throw EmbedLuaError("EmbedLua: cannot read \(root.path)")
        }
        return walker.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".lua") }
            .sorted()
            .map { root.appending(path: $0) }
    }
}

struct EmbedLuaError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
