// Where a tenant's token comes from, so `omneo-run tenants` can say so without showing the token.
public enum TokenSource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable, named by `token_env` (or `OMNEO_TOKEN` for the "default" tenant).
    case environment(String)
    /// A file of mode 0600 holding the token, named by `token_file`.
    case file(String)
    /// Given in code, e.g. the sandbox's token.
    case given

    public var description: String {
        switch self {
        case .environment(let name): "$\(name)"
        case .file(let path): "file \(path)"
        case .given: "given"
        }
    }
}
