// Query strings as PHP reads them: keys and values percent-decoded, and `+` read as a space
// (so a client that leaves `+` unencoded in `jane+vip@example.com` finds nobody, as on a real tenant).
enum QueryString {
    /// Every `key=value` pair in order, repeated keys kept (`filter[tags.handle]=vip&filter[tags.handle]=mobile-app`
    /// is how several values are documented: omneo-api.md, "Profiles").
    static func pairs(_ query: String?) -> [(key: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").filter { !$0.isEmpty }.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// One value per key, the last one of a repeated key (as PHP keeps it), for the parameters that take one.
    static func parse(_ query: String?) -> [String: String] {
        Dictionary(pairs(query), uniquingKeysWith: { _, last in last })
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(value)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
