// Turns tenants.toml into declarations; every complaint names the file, the key and what would be right.
import Foundation
import TOMLKit

struct TenantFileParser {
    static let tenantKeys: Set<String> = ["base_url", "token_env", "token_file", "rate", "lib", "args"]

    let path: String
    let home: String?

    func parse(_ text: String) throws(TenantConfigurationError) -> [TenantDeclaration] {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw fail("line \(error.source.begin.line): \(error.description)")
        } catch {
            throw fail("not valid TOML")
        }
        for key in root.keys where key != "tenants" {
            throw fail("unknown key '\(key)' (tenants are declared as [tenants.NAME])")
        }
        guard let tenantsValue = root["tenants"] else { return [] }
        guard let tenants = tenantsValue.table else { throw fail("'tenants' must be a table of [tenants.NAME] sections") }
        var result: [TenantDeclaration] = []
        for name in tenants.keys.sorted() {
            // A name is typed after --tenant and becomes part of file names: nothing a shell or a path reads twice.
            if name.isEmpty || !name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) {
                throw fail("tenants.\"\(name)\": a tenant's name may hold only letters, digits, '-' and '_' (e.g. [tenants.acme-staging])")
            }
            guard let table = tenants[name]?.table else { throw fail("tenants.\(name) must be a table") }
            result.append(try declaration(name: name, table: table))
        }
        return result
    }

    private func declaration(name: String, table: TOMLTable) throws(TenantConfigurationError) -> TenantDeclaration {
        let key = "tenants.\(name)"
        if table["token"] != nil {
            throw fail("\(key).token: never write the token in this file; use token_env = \"VARIABLE\" or token_file = \"PATH\" (mode 0600)")
        }
        for unknown in table.keys.sorted() where !Self.tenantKeys.contains(unknown) {
            throw fail("\(key): unknown key '\(unknown)' (known: \(Self.tenantKeys.sorted().joined(separator: ", ")))")
        }
        guard let baseURL = try string(table, "base_url", in: key) else { throw fail("\(key).base_url is missing") }
        if let problem = BaseURLCheck.problem(baseURL) { throw fail("\(key).base_url: \(problem)") }
        let tokenEnv = try string(table, "token_env", in: key)
        let tokenFile = try string(table, "token_file", in: key)
        let source: TokenSource
        switch (tokenEnv, tokenFile) {
        case (let variable?, nil): source = .environment(variable)
        case (nil, let file?): source = .file(resolve(file))
        case (.some, .some): throw fail("\(key): give token_env or token_file, not both")
        case (nil, nil): throw fail("\(key): needs token_env = \"VARIABLE\" or token_file = \"PATH\"")
        }
        return TenantDeclaration(
            name: name, baseURL: BaseURLCheck.normalized(baseURL), tokenSource: source,
            rate: try rate(table, in: key), libraries: try libraries(table, in: key),
            arguments: try arguments(table, in: key), origin: path
        )
    }

    private func string(_ table: TOMLTable, _ name: String, in key: String) throws(TenantConfigurationError) -> String? {
        guard let value = table[name] else { return nil }
        guard let text = value.string, !text.isEmpty else { throw fail("\(key).\(name) must be a non-empty string") }
        return text
    }

    private func rate(_ table: TOMLTable, in key: String) throws(TenantConfigurationError) -> Double? {
        guard let value = table["rate"] else { return nil }
        guard let rate = value.double ?? value.int.map(Double.init) else {
            throw fail("\(key).rate must be a number of requests per second (got \(value.debugDescription))")
        }
        if let problem = ClientOptions.rateProblem(rate) { throw fail("\(key).rate \(problem) (got \(value.debugDescription))") }
        return rate
    }

    private func libraries(_ table: TOMLTable, in key: String) throws(TenantConfigurationError) -> [String] {
        guard let value = table["lib"] else { return [] }
        if let single = value.string { return [expand(single)] }
        guard let list = value.array else { throw fail("\(key).lib must be a list of folders") }
        var folders: [String] = []
        for item in list {
            guard let folder = item.string else { throw fail("\(key).lib must be a list of folders (strings)") }
            folders.append(expand(folder))
        }
        return folders
    }

    private func arguments(_ table: TOMLTable, in key: String) throws(TenantConfigurationError) -> [String: String] {
        guard let value = table["args"] else { return [:] }
        guard let args = value.table else { throw fail("\(key).args must be a table ([\(key).args])") }
        var result: [String: String] = [:]
        for name in args.keys {
            guard let item = args[name] else { continue }
            if let text = item.string {
                result[name] = text
            } else if let number = item.int {
                result[name] = String(number)
            } else if let number = item.double {
                result[name] = String(number)
            } else if let flag = item.bool {
                result[name] = String(flag)
            } else {
                throw fail("\(key).args.\(name) must be a string, number or boolean")
            }
        }
        return result
    }

    /// `~/x` under $HOME; a relative token_file is read from the config file's folder, not the cwd.
    private func resolve(_ file: String) -> String {
        let expanded = expand(file)
        guard !expanded.hasPrefix("/") else { return expanded }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(expanded).path
    }

    private func expand(_ path: String) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    private func fail(_ message: String) -> TenantConfigurationError {
        TenantConfigurationError("\(path): \(message)")
    }
}
