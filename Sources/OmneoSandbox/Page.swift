// Laravel's paginator: `page[size]`/`page[number]` (or `per_page`/`page`), and the data/links/meta envelope.
import OmneoModel
struct Page {
    static let defaultSize = 15
    static let maximumSize = 100

    var size: Int
    var number: Int

    init(_ query: [String: String]) throws(SandboxAPIError) {
        let sizeText = query["page[size]"] ?? query["per_page"]
        let numberText = query["page[number]"] ?? query["page"]
        var errors: [String: [String]] = [:]
        let size = sizeText.map { Int($0) } ?? Self.defaultSize
        let number = numberText.map { Int($0) } ?? 1
        if size == nil || size! < 1 { errors["page.size", default: []].append("The page.size must be at least 1.") }
        if number == nil || number! < 1 { errors["page.number", default: []].append("The page.number must be at least 1.") }
        if !errors.isEmpty { throw SandboxAPIError.invalid(errors) }
        self.size = min(size!, Self.maximumSize)
        self.number = number!
    }

    /// The envelope of `items` (all matches, already filtered and sorted); `path` is the endpoint's full URL.
    /// The indexes of this page among `total` items.
    func slice(of total: Int) -> Range<Int> {
        let start = (number - 1) * size
        return start < total ? start..<min(start + size, total) : 0..<0
    }

    func envelope(_ items: [JSONValue], path: String) -> JSONValue {
        envelope(total: items.count, slice: Array(items[slice(of: items.count)]), path: path)
    }

    /// The envelope of a page whose `slice` is already cut from `total` items.
    func envelope(total: Int, slice: [JSONValue], path: String) -> JSONValue {
        let lastPage = max(1, (total + size - 1) / size)
        let start = (number - 1) * size
        func link(_ page: Int) -> JSONValue { .string("\(path)?page[number]=\(page)&page[size]=\(size)") }
        return .object([
            "data": .array(slice),
            "links": .object([
                "first": link(1),
                "last": link(lastPage),
                "prev": number > 1 ? link(number - 1) : .null,
                "next": number < lastPage ? link(number + 1) : .null,
            ]),
            "meta": .object([
                "current_page": .integer(Int64(number)),
                "from": slice.isEmpty ? .null : .integer(Int64(start + 1)),
                "last_page": .integer(Int64(lastPage)),
                "per_page": .integer(Int64(size)),
                "to": slice.isEmpty ? .null : .integer(Int64(start + slice.count)),
                "total": .integer(Int64(total)),
                "path": .string(path),
            ]),
        ])
    }
}
