// A base URL the token may be sent to: https, or plain http only to this machine (the sandbox).
import Foundation

enum BaseURLCheck {
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "::1", "[::1]"]

    /// Why `text` cannot be a tenant's base URL, or nil when it can.
    static func problem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            return "'\(text)' is not a URL like https://api.acme.getomneo.com/api"
        }
        if components.user != nil || components.password != nil {
            return "'\(text)' must not carry a user or password; the token goes in token_env or token_file"
        }
        if components.query != nil || components.fragment != nil {
            return "'\(text)' must not have a query or fragment"
        }
        switch scheme {
        case "https":
            return nil
        case "http" where loopbackHosts.contains(host.lowercased()):
            return nil
        case "http":
            return "'\(text)' is plain http: the token would cross the network unencrypted (use https)"
        default:
            return "'\(text)' must start with https://"
        }
    }

    static func normalized(_ text: String) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
