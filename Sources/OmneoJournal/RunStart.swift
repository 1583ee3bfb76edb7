// What the journal records of a run when it starts.
public import OmneoModel

public struct RunStart: Sendable {
    public enum Kind: String, Sendable { case run, undo }

    public var id: String
    public var kind: Kind = .run
    /// Which tenant: name, base URL and token fingerprint (the journal keeps the name for people to read).
    public var tenant: TenantIdentity
    /// False for the built-in sandbox, whose tenant ends with the process: such a run cannot be resumed.
    public var resumable = true
    public var recipePath: String
    public var recipeText: [UInt8]
    /// The working directory: `resume` runs from it, so relative paths mean the same.
    public var directory = ""
    public var arguments: [[String]] = []
    public var dryRun = false
    public var undoOf: String?
    public var reportPath: String?
    /// What a resume keeps unless given again.
    public var options = RunOptions()
    /// The fan-out this run is one tenant of (`runs` shows it, `undo GROUP` takes them all back); nil for a
    /// run of one tenant.
    public var group: String?

    public init(id: String, tenant: TenantIdentity, recipePath: String, recipeText: [UInt8]) {
        self.id = id
        self.tenant = tenant
        self.recipePath = recipePath
        self.recipeText = recipeText
    }

    /// FNV-1a, 64 bits, hex: tells an edited recipe from the one that ran (not a security check).
    public static func hash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
