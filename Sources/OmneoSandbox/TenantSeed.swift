// What a sandbox tenant starts with: status definitions, profiles and tokens, from a JSON fixture.
public import OmneoModel
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

public struct TenantSeed: Sendable {
    public var statuses: [StatusDefinition]
    /// Profile objects as the API shows them; `id` is kept when present, generated otherwise.
    public var profiles: [[String: JSONValue]]
    public var tokens: [SandboxToken]

    public init(statuses: [StatusDefinition] = [], profiles: [[String: JSONValue]] = [], tokens: [SandboxToken] = SandboxToken.demoTokens) {
        self.statuses = statuses
        self.profiles = profiles
        self.tokens = tokens
    }

    /// Reads a fixture: `{"statuses": [...], "profiles": [...], "tokens": [{"token", "scopes"}]?}`.
    public static func load(path: String) throws(SandboxConfigurationError) -> TenantSeed {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SandboxConfigurationError("\(path): cannot read the seed file")
        }
        return try TenantSeed(json: data, source: path)
    }

    public init(json data: Data, source: String) throws(SandboxConfigurationError) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SandboxConfigurationError("\(source): not valid JSON (\(Self.describe(error)))")
        }
        guard let object = root.objectValue else {
            throw SandboxConfigurationError("\(source): expected an object with \"statuses\" and \"profiles\"")
        }
        let statuses = try Self.statuses(object["statuses"], source: source)
        let profiles = try Self.profiles(object["profiles"], source: source)
        let tokens = try object["tokens"].map { value throws(SandboxConfigurationError) in try Self.tokens(value, source: source) }
        self.init(statuses: statuses, profiles: profiles, tokens: tokens ?? SandboxToken.demoTokens)
    }

    /// The demo tenant: `$OMNEO_SANDBOX_SEED`, the installed copy (PREFIX/share/omneo-run/sandbox), or the source tree's.
    public static func demo() throws(SandboxConfigurationError) -> TenantSeed {
        try load(path: demoPath())
    }

    public static func demoPath() -> String {
        if let override = getenv("OMNEO_SANDBOX_SEED").map({ String(cString: $0) }), !override.isEmpty {
            return override
        }
        // The running binary's own path (argv[0] is a bare name when it was found on $PATH).
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        let installed = URL(fileURLWithPath: executable)
            .resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/omneo-run/sandbox/demo-tenant.json").path
        if FileManager.default.fileExists(atPath: installed) { return installed }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/demo-tenant.json").path
    }

    private static func statuses(_ value: JSONValue?, source: String) throws(SandboxConfigurationError) -> [StatusDefinition] {
        guard let list = value?.arrayValue else {
            throw SandboxConfigurationError("\(source): \"statuses\" must be a list of status definitions")
        }
        var seen = Set<String>()
        var result: [StatusDefinition] = []
        for (index, entry) in list.enumerated() {
            guard let handle = entry["handle"]?.stringValue, !handle.isEmpty else {
                throw SandboxConfigurationError("\(source): statuses[\(index)] has no \"handle\"")
            }
            guard seen.insert(handle).inserted else {
                throw SandboxConfigurationError("\(source): statuses[\(index)]: handle '\(handle)' is defined twice")
            }
            result.append(StatusDefinition(
                id: entry["id"]?.intValue ?? index + 1,
                handle: handle,
                name: entry["name"]?.stringValue ?? handle,
                groupHandle: entry["group_handle"]?.stringValue,
                sortOrder: entry["sort_order"]?.intValue ?? index,
                description: entry["description"]?.stringValue
            ))
        }
        return result
    }

    private static func profiles(_ value: JSONValue?, source: String) throws(SandboxConfigurationError) -> [[String: JSONValue]] {
        guard let value else { return [] }
        guard let list = value.arrayValue else {
            throw SandboxConfigurationError("\(source): \"profiles\" must be a list of profile objects")
        }
        var ids = Set<String>()
        var result: [[String: JSONValue]] = []
        for (index, entry) in list.enumerated() {
            guard let profile = entry.objectValue else {
                throw SandboxConfigurationError("\(source): profiles[\(index)] is not an object")
            }
            if let id = profile["id"], id.stringValue == nil {
                throw SandboxConfigurationError("\(source): profiles[\(index)].id must be a string")
            }
            if let id = profile["id"]?.stringValue, !ids.insert(id).inserted {
                throw SandboxConfigurationError("\(source): profiles[\(index)].id '\(id)' is used twice")
            }
            if let statuses = profile["statuses"], statuses.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                throw SandboxConfigurationError("\(source): profiles[\(index)].statuses must be a list of handles")
            }
            result.append(profile)
        }
        return result
    }

    private static func tokens(_ value: JSONValue, source: String) throws(SandboxConfigurationError) -> [SandboxToken] {
        guard let list = value.arrayValue else {
            throw SandboxConfigurationError("\(source): \"tokens\" must be a list of {\"token\", \"scopes\"}")
        }
        var result: [SandboxToken] = []
        for (index, entry) in list.enumerated() {
            guard let token = entry["token"]?.stringValue, !token.isEmpty,
                  let scopes = entry["scopes"]?.arrayValue?.compactMap(\.stringValue)
            else {
                throw SandboxConfigurationError("\(source): tokens[\(index)] needs \"token\" and \"scopes\"")
            }
            result.append(SandboxToken(token: token, scopes: Set(scopes)))
        }
        return result
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension TenantSeed {
    /// `count` more profiles, made up rather than checked in: `gen-000001@bench.example.com` and on, each
    /// active with no statuses, for a tenant as large as a real brand's (`--generated-profiles 200000`).
    public mutating func generateProfiles(_ count: Int) {
        guard count > 0 else { return }
        profiles.reserveCapacity(profiles.count + count)
        for number in 1...count {
            let digits = String(number)
            let name = "gen-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
            profiles.append([
                "id": .string(name), "email": .string(name + "@bench.example.com"), "first_name": "Generated",
                "last_name": .string("Profile \(number)"), "profile_type": "active", "statuses": .array([]),
            ])
        }
    }
}
