local omneo, host = ... -- glue(omneo, host) of omneo.profiles reads: get, find, each, resolve, attribute
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local profiles = {}
local page_host = host["omneo.profiles.page"]

-- A page of matches, or nil and why; a misuse (a filter of the wrong type, an unknown status handle in
-- `statuses.handle`) raises at the recipe's line, naming the function the recipe called.
local function page_of(filters, number, size, name)
  local list, more, kind = page_host(filters, number, size, name)
  if kind == "misuse" then raise(more) end
  return list, more
end

--- One profile by id (or by an identity: `{identity = "shopify"}`), or nil, "not_found".
--- Example: `local p, err = omneo.profiles.get(id)`
---@param id string
---@param opts? {identity: string}
---@return table|nil profile, string? err
profiles.get = host["omneo.profiles.get"]

--- Every profile matching the filters (first 100): email, first_name, last_name, mobile_phone,
--- profile_type, ["statuses.handle"], ["tags.handle"], ["identities.identifier"]. A list of values
--- matches any of them. Each profile the tenant returns is checked against the filters: one that
--- does not match (a tenant ignoring a filter) stops the run before any further write.
--- Example: `local list = omneo.profiles.find{ ["tags.handle"] = { "vip", "mobile-app" } }`
---@param filters table<string, string|string[]>
---@return table[]|nil profiles, string? err
function profiles.find(filters)
  local list, err = page_of(filters, 1, 100, "omneo.profiles.find")
  if list == nil then return nil, err end
  return list
end

--- Exactly one match, or nil and "not_found" / "ambiguous" (never a guess); checked as `find` is.
--- Example: `local p, err = omneo.profiles.find_one{ email = email }`
---@param filters table<string, string|string[]>
---@return table|nil profile, string? err  "not_found" | "ambiguous" | an API message
function profiles.find_one(filters)
  local list, err = page_of(filters, 1, 2, "omneo.profiles.find_one")
  if list == nil then return nil, err end
  if #list == 0 then return nil, "not_found" end
  if #list > 1 then return nil, "ambiguous" end
  return list[1]
end

--- Iterates over every match, 100 per page; the next page is fetched while the loop works on this
--- one. Raises if a page cannot be read; a page holding a profile the filters exclude stops the run.
--- Example: `for p in omneo.profiles.each{ ["statuses.handle"] = "vip" } do ... end`
---@param filters? table<string, string|string[]>
---@return fun(): table|nil
function profiles.each(filters)
  filters = filters or {}
  local function fetch(number) return page_of(filters, number, 100, "omneo.profiles.each") end
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
      if page == nil then raise(next_exists) end
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
