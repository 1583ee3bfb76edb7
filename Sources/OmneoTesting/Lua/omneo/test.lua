local omneo, host = ... -- glue(omneo, host) of omneo.test: cases, expect() with table diffs, fixtures, recipe runs
local test = {}
local begin, record, clock = host["omneo.test.begin"], host["omneo.test.record"], host["omneo.test.clock"]

--- Runs one test case now (unless --filter skips it). A failed expect() or any error fails the
--- case with its file:line; the next case still runs.
--- Example: `omneo.test.case("adds the status", function() ... end)`
---@param name string
---@param fn function
function test.case(name, fn)
  if type(name) ~= "string" then error("bad argument #1 to 'omneo.test.case' (string expected, got " .. type(name) .. ")", 2) end
  if type(fn) ~= "function" then error("bad argument #2 to 'omneo.test.case' (function expected, got " .. type(fn) .. ")", 2) end
  if not begin(name) then return end
  local started = clock()
  local ok, err = pcall(fn)
  record(name, ok, not ok and tostring(err) or nil, clock() - started)
end

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local function render(v, indent, seen)
  if type(v) ~= "table" then return show(v) end
  if seen[v] then return "<cycle>" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return type(a) < type(b)
  end)
  if #keys == 0 then return "{}" end
  local parts, pad = {}, indent .. "  "
  for _, k in ipairs(keys) do
    local key = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. show(k) .. "]"
    parts[#parts + 1] = pad .. key .. " = " .. render(v[k], pad, seen)
  end
  seen[v] = nil
  return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
end

-- Every path where two values differ: "  .statuses[2]: expected "vip", got "staff"".
local function diff(expected, actual, path, out)
  if type(expected) ~= "table" or type(actual) ~= "table" then
    if expected ~= actual then
      out[#out + 1] = ("  %s: expected %s, got %s"):format(path == "" and "value" or path, render(expected, "  ", {}), render(actual, "  ", {}))
    end
    return
  end
  local keys = {}
  for k in pairs(expected) do keys[k] = true end
  for k in pairs(actual) do keys[k] = true end
  local sorted = {}
  for k in pairs(keys) do sorted[#sorted + 1] = k end
  table.sort(sorted, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(sorted) do
    local step = type(k) == "number" and ("[" .. k .. "]") or ("." .. tostring(k))
    if #out < 20 then diff(expected[k], actual[k], path .. step, out) end
  end
end

local function equal(a, b)
  local out = {}
  diff(a, b, "", out)
  return #out == 0, out
end

local function fail(message) error(message, 3) end

--- Assertions on a value; each raises with the test's file:line when it does not hold.
--- expect(x).to_be(y) / .to_equal(y)    deep equality, with a diff of tables
--- expect(x).to_be_nil() / .to_be_truthy() / .to_be_falsy()
--- expect(x).to_contain(y)             a substring, or an element of a list
--- expect(x).to_have_length(n) / .to_be_greater_than(n)
--- expect(fn).to_raise([pattern])      fn() raises (a message matching the Lua pattern)
--- Example: `local expect = omneo.test.expect; expect(r.outcomes.added).to_be(26)`
---@param actual any
function test.expect(actual)
  local e = {}
  function e.to_be(expected)
    local same, lines = equal(expected, actual)
    if same then return end
    if type(expected) == "table" and type(actual) == "table" then
      fail("tables differ:\n" .. table.concat(lines, "\n"))
    end
    fail("expected " .. render(expected, "", {}) .. ", got " .. render(actual, "", {}))
  end
  e.to_equal = e.to_be
  function e.to_be_nil() if actual ~= nil then fail("expected nil, got " .. render(actual, "", {})) end end
  function e.to_be_truthy() if not actual then fail("expected a true value, got " .. show(actual)) end end
  function e.to_be_falsy() if actual then fail("expected false or nil, got " .. render(actual, "", {})) end end
  function e.to_contain(item)
    if type(actual) == "string" and type(item) == "string" then
      if not actual:find(item, 1, true) then fail(("expected %s to contain %s"):format(show(actual), show(item))) end
      return
    end
    if type(actual) ~= "table" then fail("expected a string or a list, got " .. show(actual)) end
    for _, v in ipairs(actual) do if equal(item, v) then return end end
    fail("expected the list to contain " .. render(item, "", {}) .. ", got " .. render(actual, "", {}))
  end
  function e.to_have_length(n)
    if #actual ~= n then fail(("expected length %d, got %d"):format(n, #actual)) end
  end
  function e.to_be_greater_than(n)
    if not (type(actual) == "number" and actual > n) then fail(("expected more than %s, got %s"):format(show(n), show(actual))) end
  end
  function e.to_raise(pattern)
    if type(actual) ~= "function" then fail("expect(...).to_raise needs a function, got " .. type(actual)) end
    local ok, err = pcall(actual)
    if ok then fail("expected an error, but the function returned") end
    if pattern and not tostring(err):find(pattern) then fail(("expected an error matching %s, got %s"):format(show(pattern), show(tostring(err)))) end
  end
  return e
end

--- Replaces the test tenant with this fixture; statuses may be handles or full definitions.
--- Example: `omneo.test.tenant{ statuses = {"vip", "staff"}, profiles = {{id = "p1", email = "a@example.com", statuses = {"staff"}}} }`
---@param fixture {statuses: (string|table)[], profiles: table[]}
test.tenant = host["omneo.test.tenant"]

--- Runs a recipe (relative to this test file) on the test tenant and returns what happened:
--- {ok, error?, outcomes = {added = 3, ...}, rows, requests, report = {{row, key, email, profile_id, outcome, change, detail}}, log, plan}.
--- Example: `local r = omneo.test.run("tag-influencers.lua", {min_followers = 20000}, {dry_run = true})`
---@param recipe string
---@param args? table<string, string|number|boolean>
---@param opts? {dry_run: boolean}
test.run = host["omneo.test.run"]

--- A profile as the tenant holds it now (nil, "absent" after a purge; the profile and "deleted" after a delete).
--- Example: `expect(omneo.test.profile("p1").statuses).to_be({"staff", "vip"})`
---@param id string
---@return table|nil profile, string? state  "deleted" | "absent"
test.profile = host["omneo.test.profile"]

--- The requests the tenant got since the fixture was set: {{method, endpoint, target, status, write}}.
--- Example: `for _, r in ipairs(omneo.test.requests()) do expect(r.write).to_be(false) end`
---@return {method: string, endpoint: string, target: string, status: integer, write: boolean}[]
test.requests = host["omneo.test.requests"]

omneo.test = test
