// Which configured tenants a fan-out runs on: `--tenant` names and globs (`brand-*`), or `--all-tenants`.
import Foundation
import OmneoClient

#if canImport(Glibc)
import Glibc
#endif

enum TenantSelection {
    /// A `--tenant` value with a glob character (`*`, `?`, `[`): a tenant's own name never has one.
    static func isPattern(_ value: String) -> Bool { value.contains(where: { "*?[".contains($0) }) }

    /// The tenants to run on, in the order given (a glob's matches sorted by name), each once. A name that is
    /// not configured and a glob that matches nothing are refused, naming the configured tenants.
    static func names(_ given: [String], all: Bool, in directory: TenantDirectory) throws -> [String] {
        let known = directory.names
        let where_ = directory.path ?? "the environment"
        let configured = known.isEmpty ? "no tenants are configured" : "configured: \(known.joined(separator: ", "))"
        if all {
            guard !known.isEmpty else { throw RecipeExecution.UsageFailure("--all-tenants: \(configured) (\(where_))") }
            return known
        }
        var chosen: [String] = []
        for value in given {
            let matches: [String]
            if isPattern(value) {
                matches = known.filter { fnmatch(value, $0, 0) == 0 }
                if matches.isEmpty {
                    throw RecipeExecution.UsageFailure("--tenant '\(value)' matches no configured tenant in \(where_); \(configured)")
                }
            } else {
                guard known.contains(value) else {
                    throw RecipeExecution.UsageFailure("unknown tenant '\(value)' in \(where_); \(configured)")
                }
                matches = [value]
            }
            for name in matches where !chosen.contains(name) { chosen.append(name) }
        }
        return chosen
    }
}
