// The files `check` and `test` work on: files named as they are, folders searched the same way for both.
import ArgumentParser
import Foundation

enum LuaFiles {
    /// `find`, for a command: a missing path or no matching file is told as `omneo-run COMMAND: ...` and
    /// ends the command with the usage exit code.
    static func found(_ paths: [String], suffix: String, command: String) throws -> [String] {
        let files: [String]
        do {
            files = try find(paths, suffix: suffix)
        } catch {
            Console.error("omneo-run \(command): \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        if files.isEmpty {
            let pattern = suffix == ".lua" ? ".lua" : "*\(suffix)"
            Console.error("omneo-run \(command): no \(pattern) files in \(paths.joined(separator: ", "))")
            throw ExitCode(ExitStatus.usage)
        }
        return files
    }

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "no such file or folder '\(path)'" }
    }

    /// The files under `paths` whose names end in `suffix` (`.lua` for check, `_test.lua` for test), sorted;
    /// folders are searched through, except hidden ones and `_meta` (editor definitions, not recipes). A file
    /// named directly is taken as it is. A path that does not exist throws.
    static func find(_ paths: [String], suffix: String) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw Missing(path: path) }
            if !isDirectory.boolValue {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let name = enumerator?.nextObject() as? String {
                let last = (name as NSString).lastPathComponent
                if last.hasPrefix(".") || last == "_meta" {
                    if (enumerator?.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator?.skipDescendants() }
                    continue
                }
                if last.hasSuffix(suffix) { files.append((path as NSString).appendingPathComponent(name)) }
            }
        }
        return Array(Set(files)).sorted()
    }

    /// Where `test` looks with no path: `recipes/` and `stdlib/` of a project checkout, else the current
    /// folder (a recipe folder, as `omneo-run init` makes one), then the --lib folders.
    static func defaultTestFolders(libraries: [String]) -> [String] {
        let project = ["recipes", "stdlib"].filter { FileManager.default.fileExists(atPath: $0) }
        return (project.isEmpty ? ["."] : project) + libraries
    }
}
