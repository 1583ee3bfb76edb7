// `omneo-run init [DIR]`: a recipe folder to start from; never overwrites a file.
import ArgumentParser
import Foundation
import OmneoRuntime

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a recipe folder: an example recipe, its test, sample data, a .luarc.json for lua-language-server and a README.",
        discussion: "DIR is created if need be; a folder that has any of these files already is refused, and nothing is written."
    )

    @Argument(help: "The folder to make (default: the current one).")
    var directory = "."

    func validate() throws {
        if directory.isEmpty { throw ValidationError("init needs a folder to make (or . for the current one), got ''") }
    }

    func run() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
            throw fail("\(directory) is a file, not a folder")
        }
        let stdlib = StdlibLocator.find().map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let files = InitTemplate.files(stdlib: stdlib)
        let folder = URL(fileURLWithPath: directory)
        let taken = files.map(\.path).filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !taken.isEmpty {
            throw fail("\(directory) already has \(taken.joined(separator: ", ")); nothing was written (move them aside, or init another folder)")
        }
        do {
            for file in files {
                let url = folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Never over a file that appeared meanwhile.
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw fail("cannot write in \(directory): \(error.localizedDescription)")
        }
        Console.output("made \(directory): " + files.map(\.path).joined(separator: ", "))
        if stdlib == nil {
            Console.error("warning: the omneo-run stdlib was not found (set $OMNEO_STDLIB), so .luarc.json names no definitions")
        }
        let inside = directory == "." ? "" : "cd \(directory) && "
        Console.output("next: \(inside)omneo-run example.lua --sandbox --dry-run   (then `omneo-run test .`; README.md has more)")
    }

    private func fail(_ message: String) -> ExitCode {
        Console.error("omneo-run init: \(message)")
        return ExitCode(ExitStatus.usage)
    }
}
