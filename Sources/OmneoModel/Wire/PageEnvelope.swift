// Laravel's list envelope read leniently: `data` with or without `meta`/`links`, counts as numbers or strings.
package struct PageEnvelope: Sendable {
    package var items: [JSONValue]
    package var currentPage: Int
    package var lastPage: Int?
    package var total: Int?
    /// Whether another page can be asked for.
    package var hasNextPage: Bool

    /// `requested` is the page asked for; `size` the page size asked for.
    package init?(_ value: JSONValue, requested: Int, size: Int) {
        if let list = value.arrayValue {
            // A bare list: everything there is, in one page.
            self.init(items: list, currentPage: requested, lastPage: requested, total: list.count, hasNextPage: false)
            return
        }
        guard let items = value["data"]?.arrayValue else { return nil }
        let meta = value["meta"]
        let current = meta?["current_page"]?.lenientInt ?? value["current_page"]?.lenientInt ?? requested
        let last = meta?["last_page"]?.lenientInt ?? value["last_page"]?.lenientInt
        let total = meta?["total"]?.lenientInt ?? value["total"]?.lenientInt
        let next = value["links"]?["next"] ?? value["next_page_url"]
        let hasNext: Bool
        if let last {
            hasNext = current < last && !items.isEmpty
        } else if let next {
            hasNext = !next.isNull && !items.isEmpty
        } else {
            // No meta and no links: one page is all (omneo-api.md).
            hasNext = false
        }
        self.init(items: items, currentPage: current, lastPage: last, total: total, hasNextPage: hasNext)
    }

    package init(items: [JSONValue], currentPage: Int, lastPage: Int?, total: Int?, hasNextPage: Bool) {
        self.items = items
        self.currentPage = currentPage
        self.lastPage = lastPage
        self.total = total
        self.hasNextPage = hasNextPage
    }
}
