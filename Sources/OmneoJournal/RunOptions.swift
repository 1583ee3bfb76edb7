// A run's options that `resume` keeps unless given again: its pace, its cache window, how it resolved
// emails and the folders it read from (`--rate`, `--concurrency`, `--cache-ttl`, `--resolve`, `--allow-read`,
// `--lib`). Stored as JSON in the run's record; nil is "not given", so the default applies.
public struct RunOptions: Codable, Sendable, Equatable {
    public var rate: Double?
    public var concurrency: Int?
    /// As the user wrote it (`24h`, `0`).
    public var cacheTTL: String?
    public var resolve: String?
    public var allowRead: [String]?
    public var libraries: [String]?

    enum CodingKeys: String, CodingKey {
        case rate, concurrency, resolve
        case cacheTTL = "cache_ttl"
        case allowRead = "allow_read"
        case libraries = "lib"
    }

    public init() {}

    /// `--rate 500 --cache-ttl 0`: the options as flags, for `show` and messages.
    public var flags: [String] {
        var flags: [String] = []
        if let rate { flags += ["--rate", rate == rate.rounded() ? String(Int(rate)) : String(rate)] }
        if let concurrency { flags += ["--concurrency", String(concurrency)] }
        if let cacheTTL { flags += ["--cache-ttl", cacheTTL] }
        if let resolve { flags += ["--resolve", resolve] }
        for folder in allowRead ?? [] { flags += ["--allow-read", folder] }
        for folder in libraries ?? [] { flags += ["--lib", folder] }
        return flags
    }
}
