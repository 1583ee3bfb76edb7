// Email addresses as the resolver compares them: the same rules as stdlib/omneo/emails.lua.
public enum EmailAddress {
    private static let atomCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
    private static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")

    /// Trimmed of surrounding whitespace and lower-cased.
    public static func normalise(_ raw: String) -> String {
        raw.trimmingSpaces.lowercased()
    }

    /// nil when plausible, else why not (worded as `omneo.emails.is_valid` words it).
    public static func problem(_ email: String) -> String? {
        if email.isEmpty { return "empty" }
        if email.utf8.count > 254 { return "longer than 254 characters" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return "needs exactly one @ with text on both sides" }
        let atoms = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        if atoms.contains(where: { $0.isEmpty || !$0.allSatisfy(atomCharacters.contains) }) {
            return "invalid characters before the @"
        }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard domain.allSatisfy(domainCharacters.contains), labels.count >= 2, !labels[0].isEmpty,
              !domain.contains(".."), !domain.hasSuffix(".")
        else { return "invalid domain" }
        return nil
    }
}
