local omneo, host = ... -- glue(omneo, host) of omneo.profiles reads: get, find, each, resolve, attribute
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local profiles = {}
local page_host = host["omneo.profiles.page"]
local check_host = host["omneo.profiles.check_filters"]

-- A page of matches, or nil and why; a misuse (a filter of the wrong type, an unknown status handle in
-- `statuses.handle`) raises at the recipe's line, naming the function the recipe called.
local function page_of(filters, number, size, name)
  local list, more, kind = page_host(filters, number, size, name)
  if kind == "misuse" then raise(more) end
  return list, more
end

-- Several values to one filter are asked one value at a time and the answers joined, each profile once:
-- the tenant runs on PHP, which keeps only the last of a repeated query key, so one request with
-- `filter[tags.handle]=a&filter[tags.handle]=b` could silently find b's profiles alone (omneo-api.md
-- calls the repeated key documented, but no vendor page shows it). Several filters with several values
-- each are asked as every combination. Anything else (one value each, or a misuse) goes as it is, for
-- the host to check. Returns the list of filter tables to ask, in a stable order.
local PLAIN = { sort = true, search = true, include = true }
local MAX_COMBINATIONS = 100
local function one_value_each(filters, name)
  if type(filters) ~= "table" then return { filters } end
  local keys = {}
  for key, value in pairs(filters) do
    if type(key) ~= "string" then return { filters } end
    if type(value) == "table" and not PLAIN[key] then
      local n = 0
      for i, v in pairs(value) do
        if math.type(i) ~= "integer" or type(v) ~= "string" then return { filters } end
        n = n + 1
      end
      if n == 0 or #value ~= n then return { filters } end
      if n > 1 then keys[#keys + 1] = key end
    end
  end
  if #keys == 0 then return { filters } end
  -- Every value is checked (types, status handles) before the first search goes.
  local _, problem, kind = check_host(filters, name)
  if kind == "misuse" then raise(problem) end
  table.sort(keys)
  local combinations = { {} }
  for key, value in pairs(filters) do
    if not (type(value) == "table" and #value > 1 and not PLAIN[key]) then combinations[1][key] = value end
  end
  for _, key in ipairs(keys) do
    local grown = {}
    for _, base in ipairs(combinations) do
      for _, v in ipairs(filters[key]) do
        local c = {}
        for k, x in pairs(base) do c[k] = x end
        c[key] = v
        grown[#grown + 1] = c
      end
    end
    combinations = grown
    if #combinations > MAX_COMBINATIONS then
      raise(("%s: the filters' values make %d combinations, each its own search; at most %d"):format(name, #combinations, MAX_COMBINATIONS))
    end
  end
  return combinations
end

--- One profile by id (or by an identity: `{identity = "shopify"}`), or nil, "not_found".
--- Example: `local p, err = omneo.profiles.get(id)`
---@param id string
---@param opts? {identity: string}
---@return table|nil profile, string? err
profiles.get = host["omneo.profiles.get"]

--- Every profile matching the filters (first 100): email, first_name, last_name, mobile_phone,
--- profile_type, ["statuses.handle"], ["tags.handle"], ["identities.identifier"]. A list of values
--- matches any of them: each value is its own search (a request each), and a profile is listed once. Each profile the tenant returns is checked against the filters: one that
--- does not match (a tenant ignoring a filter) stops the run before any further write.
--- Example: `local list = omneo.profiles.find{ ["tags.handle"] = { "vip", "mobile-app" } }`
---@param filters table<string, string|string[]>
---@return table[]|nil profiles, string? err
function profiles.find(filters)
  local found, seen = {}, {}
  for _, one in ipairs(one_value_each(filters, "omneo.profiles.find")) do
    local list, err = page_of(one, 1, 100, "omneo.profiles.find")
    if list == nil then return nil, err end
    for _, p in ipairs(list) do
      if #found < 100 and not seen[p.id] then seen[p.id] = true; found[#found + 1] = p end
    end
  end
  return found
end

--- Exactly one match, or nil and "not_found" / "ambiguous" (never a guess); checked as `find` is.
--- Example: `local p, err = omneo.profiles.find_one{ email = email }`
---@param filters table<string, string|string[]>
---@return table|nil profile, string? err  "not_found" | "ambiguous" | an API message
function profiles.find_one(filters)
  local found, seen = {}, {}
  for _, one in ipairs(one_value_each(filters, "omneo.profiles.find_one")) do
    local list, err = page_of(one, 1, 2, "omneo.profiles.find_one")
    if list == nil then return nil, err end
    for _, p in ipairs(list) do
      if not seen[p.id] then seen[p.id] = true; found[#found + 1] = p end
    end
    if #found > 1 then return nil, "ambiguous" end
  end
  if #found == 0 then return nil, "not_found" end
  return found[1]
end

--- Iterates over every match, 100 per page; the next page is fetched while the loop works on this
--- one. Raises if a page cannot be read; a page holding a profile the filters exclude stops the run.
--- Example: `for p in omneo.profiles.each{ ["statuses.handle"] = "vip" } do ... end`
---@param filters? table<string, string|string[]>
---@return fun(): table|nil
function profiles.each(filters)
  local searches = one_value_each(filters or {}, "omneo.profiles.each")
  -- Several searches (several values to a filter): a profile two of them find comes once.
  local seen = #searches > 1 and {} or nil
  local search = 1
  local function fetch(number) return page_of(searches[search], number, 100, "omneo.profiles.each") end
  local list, index, number, more, ahead = {}, 0, 0, true, nil
  return function()
    while true do
      while index >= #list do
        if not more then
          if search >= #searches then return nil end
          search, number, more = search + 1, 0, true
        end
        number = number + 1
        local page, next_exists
        if ahead then
          page, next_exists = omneo.wait(ahead)
          ahead = nil
        else
          page, next_exists = fetch(number)
        end
        if page == nil then raise(next_exists) end
        list, index, more = page, 0, next_exists
        if more then ahead = omneo.spawn(fetch, number + 1) end
      end
      index = index + 1
      local p = list[index]
      if not seen then return p end
      if not seen[p.id] then seen[p.id] = true; return p end
    end
  end
end

--- Emails to profile ids: trimmed, lower-cased, validated, de-duplicated and looked up concurrently
--- at the tenant's pace. Zero matches -> missing, several -> ambiguous: never guessed.
--- `rows[i]` tells what became of input i: outcome "found" (with id), "missing", "ambiguous",
--- "invalid" (with reason) or "duplicate" (with duplicate_of = the first row's number).
--- With `{by = "identity:shopify"}` the values are external ids of that identity handle (strings or
--- whole numbers, surrounding spaces trimmed, compared exactly) instead of emails: a profile counts only
--- when it carries an identity with that handle and identifier; the result says `by_identifier`, and
--- `identifier` where an email resolution says `email`. `{plan = "auto"|"lookups"|"scan"}` picks how.
--- Example: `local r = omneo.profiles.resolve(emails); omneo.log.info("%d found", #r.ids)`
--- Example: `local r = omneo.profiles.resolve(ids, { by = "identity:shopify" }); local id = r.by_identifier["4512"]`
---@param emails string[]|integer[]
---@param opts? {by?: string, plan?: "auto"|"lookups"|"scan"}
---@return {ids: string[], by_email: table<string,string>, by_identifier: table<string,string>, statuses: table<string,string[]>, missing: string[], ambiguous: table[], invalid: table[], rows: table[]}|nil, string? err
profiles.resolve = host["omneo.profiles.resolve"]

--- One custom attribute's value, or nil when the profile has none by that namespace and handle.
--- A profile read from the tenant holds `custom_attributes` keyed by namespace then handle
--- (`p.custom_attributes.loyalty.lifetime_spend`), whichever shape the tenant sent; a table in the
--- documented array shape (`{ {namespace=, handle=, type=, value=}, ... }`, as a test builds one) reads too.
--- The value is as the tenant sent it: often a string, so `tonumber` a spend.
--- Example: `local spend = tonumber(omneo.profiles.attribute(p, "loyalty", "lifetime_spend"))`
---@param profile table
---@param namespace string
---@param handle string
---@return any value  nil when absent
function profiles.attribute(profile, namespace, handle)
  for n, arg in ipairs{ { profile, "table" }, { namespace, "string" }, { handle, "string" } } do
    if type(arg[1]) ~= arg[2] then
      raise(("bad argument #%d to 'omneo.profiles.attribute' (%s expected, got %s)"):format(n, arg[2], type(arg[1])))
    end
  end
  local attributes = profile.custom_attributes
  if type(attributes) ~= "table" then return nil end
  if attributes[1] ~= nil then
    for _, attribute in ipairs(attributes) do
      if type(attribute) == "table" and attribute.namespace == namespace and attribute.handle == handle then
        return attribute.value
      end
    end
    return nil
  end
  local space = attributes[namespace]
  if type(space) ~= "table" then return nil end
  return space[handle]
end

omneo.profiles = profiles
