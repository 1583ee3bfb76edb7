// omneo.profiles: reading profiles by id, by any filter, page by page, and resolving emails to ids.
import OmneoModel
import LuaHost
import OmneoClient

enum OmneoProfiles: OmneoModule {
    static let names = [
        "omneo.profiles", "omneo.profiles.get", "omneo.profiles.find", "omneo.profiles.find_one",
        "omneo.profiles.each", "omneo.profiles.resolve",
    ]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.profiles.get": { call in
                let session = try context.requireSession(call)
                let id = try call.string(1)
                let identity = try call.isNil(2) ? nil : call.table(2)["identity"].stringValue
                return context.parkAnswer(call) {
                    guard let profile = try await session.reader.profile(id: id, identity: identity) else { return [.nil, "not_found"] }
                    return [profile.luaValue]
                }
            },
            "omneo.profiles.page": { call in
                let session = try context.requireSession(call)
                let filters = try Self.filters(call)
                let page = Int(try call.integer(2))
                let size = Int(try call.integer(3))
                return context.parkAnswer(call) {
                    let result = try await session.reader.page(filters: filters, page: page, size: size)
                    return [.array(result.profiles.map(\.luaValue)), .boolean(result.hasNextPage), .integer(Int64(result.total ?? result.profiles.count))]
                }
            },
            "omneo.profiles.resolve": { call in
                let session = try context.requireSession(call)
                guard let list = try call.table(1).arrayElements else { throw call.argumentError(1, "list of emails expected") }
                let emails = list.map { $0.stringValue ?? "" }
                return context.parkAnswer(call) { [try await session.resolver.resolve(emails).luaValue] }
            },
        ]
    }

    /// `{email = "..."}` becomes `["email": "..."]`; `{["statuses.handle"] = "vip"}` filters by status.
    static func filters(_ call: LuaCall) throws -> [String: String] {
        guard case .table(let table) = try call.table(1) else { return [:] }
        var filters: [String: String] = [:]
        for (key, value) in table {
            guard let name = key.stringValue else { throw call.argumentError(1, "filter names must be strings") }
            switch value {
            case .string(let text): filters[name] = text.description
            case .integer(let number): filters[name] = String(number)
            case .table:
                guard let list = value.arrayElements?.compactMap(\.stringValue) else { throw call.argumentError(1, "filter '\(name)' must be a string or a list of strings") }
                filters[name] = list.joined(separator: ",")
            default: throw call.argumentError(1, "filter '\(name)' must be a string, got \(value.typeName)")
            }
        }
        return filters
    }

    static let glue = #"""
    local omneo, host = ...
    local profiles = {}
    local page_of = host["omneo.profiles.page"]

    --- One profile by id (or by an identity: `{identity = "shopify"}`), or nil, "not_found".
    --- Example: `local p, err = omneo.profiles.get(id)`
    ---@param id string
    ---@param opts? {identity: string}
    ---@return table|nil profile, string? err
    profiles.get = host["omneo.profiles.get"]

    --- Every profile matching the filters (first 100): email, first_name, last_name, mobile_phone,
    --- ["statuses.handle"], ["tags.handle"], ["identities.identifier"].
    --- Example: `local list = omneo.profiles.find{ email = "jane@example.com" }`
    ---@param filters table<string, string|string[]>
    ---@return table[]|nil profiles, string? err
    function profiles.find(filters)
      local list, err = page_of(filters, 1, 100)
      if list == nil then return nil, err end
      return list
    end

    --- Exactly one match, or nil and "not_found" / "ambiguous" (never a guess).
    --- Example: `local p, err = omneo.profiles.find_one{ email = email }`
    ---@param filters table
    ---@return table|nil profile, string? err  "not_found" | "ambiguous" | an API message
    function profiles.find_one(filters)
      local list, err = page_of(filters, 1, 2)
      if list == nil then return nil, err end
      if #list == 0 then return nil, "not_found" end
      if #list > 1 then return nil, "ambiguous" end
      return list[1]
    end

    --- Iterates over every match, 100 per page; the next page is fetched while the loop works on this
    --- one. Raises if a page cannot be read.
    --- Example: `for p in omneo.profiles.each{ ["statuses.handle"] = "vip" } do ... end`
    ---@param filters? table
    ---@return fun(): table|nil
    function profiles.each(filters)
      filters = filters or {}
      local function fetch(number) return page_of(filters, number, 100) end
      local list, index, number, more, ahead = {}, 0, 0, true, nil
      return function()
        while index >= #list do
          if not more then return nil end
          number = number + 1
          local page, next_exists
          if ahead then
            page, next_exists = omneo.wait(ahead)
            ahead = nil
          else
            page, next_exists = fetch(number)
          end
          if page == nil then error(next_exists, 2) end
          list, index, more = page, 0, next_exists
          if more then ahead = omneo.spawn(fetch, number + 1) end
        end
        index = index + 1
        return list[index]
      end
    end

    --- Emails to profile ids: trimmed, lower-cased, validated, de-duplicated and looked up concurrently
    --- at the tenant's pace. Zero matches -> missing, several -> ambiguous: never guessed.
    --- `rows[i]` tells what became of input i: outcome "found" (with id), "missing", "ambiguous",
    --- "invalid" (with reason) or "duplicate" (with duplicate_of = the first row's number).
    --- Example: `local r = omneo.profiles.resolve(emails); omneo.log.info("%d found", #r.ids)`
    ---@param emails string[]
    ---@return {ids: string[], by_email: table<string,string>, statuses: table<string,string[]>, missing: string[], ambiguous: table[], invalid: table[], rows: table[]}|nil, string? err
    profiles.resolve = host["omneo.profiles.resolve"]

    omneo.profiles = profiles
    """#
}
