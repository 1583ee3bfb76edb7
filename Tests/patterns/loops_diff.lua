-- Differential test of the sandbox's table.insert/remove/move/concat/unpack/sort, string.rep and load
-- (global LOOPS, from Sources/CLuaShim/tables.c, table_sort.c, string_rep.c, load.c) against Lua 5.4's own:
-- same results, same errors, same accesses through metamethods (sort: same sorted result); then
-- that every loop a recipe can make endless stops at the interrupt.
-- Returns (passed, failed); patterns_diff.c prints the summary line.

local passed, failed = 0, 0
local reports = 0

local function ok(cond, what, detail)
  if cond then
    passed = passed + 1
  else
    failed = failed + 1
    if reports < 40 then
      reports = reports + 1
      print("FAIL " .. what)
      if detail then print(detail) end
    end
  end
  return cond
end

local function ser(v)
  local t = type(v)
  if t == "string" then return string.format("%q", v) end
  if t == "number" then return math.type(v) .. ":" .. tostring(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  return t
end

local function ser_table(t, n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = ser(rawget(t, i)) end
  local extra = {}
  for k, v in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then extra[#extra + 1] = ser(k) .. "=" .. ser(v) end
  end
  table.sort(extra)
  return "{" .. table.concat(parts, ",") .. (#extra > 0 and " | " .. table.concat(extra, ",") or "") .. "}"
end

local REAL = {
  insert = table.insert, remove = table.remove, move = table.move, concat = table.concat,
  unpack = table.unpack, sort = table.sort, rep = string.rep, load = load,
}

-- Called through a local from one line, so both carry the same function name and position.
local function call(f, ...)
  return table.pack(f(...))
end

local function outcome(f, ...)
  local r = table.pack(pcall(call, f, ...))
  if not r[1] then return "error " .. ser(r[2]) end
  local parts = {}
  for i = 1, r[2].n do parts[i] = ser(r[2][i]) end
  return r[2].n .. "[" .. table.concat(parts, ", ") .. "]"
end

-- A table standing in through metamethods, logging every access, over a plain store.
local function proxy(log, length, contents)
  local store = {}
  for k, v in pairs(contents or {}) do store[k] = v end
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. ser(k) return store[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. ser(k) .. "=" .. ser(v) store[k] = v end,
    __len = function() log[#log + 1] = "len" return length end,
  }), store
end

-- Each case gets the library (REAL or LOOPS) and describes everything it observed.
local function case(name, body)
  local function run(lib)
    local log = {}
    local seen = body(lib, log)
    return seen .. " log: " .. table.concat(log, "; ")
  end
  local expected, got = run(REAL), run(LOOPS)
  ok(expected == got, name, "  lua:  " .. expected .. "\n  shim: " .. got)
end

-- A plain table, one call, then the call's outcome and the table.
local function on(lib_name, contents, n, ...)
  local args = table.pack(...)
  return function(lib)
    local t = {}
    for k, v in pairs(contents) do t[k] = v end
    return outcome(lib[lib_name], t, table.unpack(args, 1, args.n)) .. " " .. ser_table(t, n)
  end
end

local function on_proxy(lib_name, contents, length, n, ...)
  local args = table.pack(...)
  return function(lib, log)
    local t, store = proxy(log, length, contents)
    return outcome(lib[lib_name], t, table.unpack(args, 1, args.n)) .. " " .. ser_table(store, n)
  end
end

local big, huge = math.maxinteger, math.mininteger

-- insert
case("insert at the end", on("insert", {1, 2, 3}, 4, 4))
case("insert at the front", on("insert", {1, 2, 3}, 4, 1, 0))
case("insert in the middle", on("insert", {1, 2, 3}, 4, 2, "x"))
case("insert at #t+1", on("insert", {1, 2, 3}, 4, 4, "x"))
case("insert at 0", on("insert", {1, 2, 3}, 4, 0, "x"))
case("insert past #t+1", on("insert", {1, 2, 3}, 5, 5, "x"))
case("insert with a float position", on("insert", {1, 2, 3}, 4, 1.5, "x"))
case("insert with a numeric string position", on("insert", {1, 2, 3}, 4, "2", "x"))
case("insert at mininteger", on("insert", {}, 1, huge, "x"))
case("insert without a value", on("insert", {1}, 1))
case("insert with too many arguments", on("insert", {1}, 2, 1, 2, 3))
case("insert nil", on("insert", {1, 2}, 3, 1, nil))
case("insert into nil", function(lib) return outcome(lib.insert, nil, 1) end)
case("insert into a string", function(lib) return outcome(lib.insert, "abc", 1) end)
case("insert through metamethods", on_proxy("insert", {1, 2, 3}, 3, 4, 2, "x"))
case("insert with __len at maxinteger", on_proxy("insert", {}, big, 1, 1, "x"))

-- remove
case("remove the last", on("remove", {1, 2, 3}, 3))
case("remove the first", on("remove", {1, 2, 3}, 3, 1))
case("remove at #t+1", on("remove", {1, 2, 3}, 4, 4))
case("remove past #t+1", on("remove", {1, 2, 3}, 4, 5))
case("remove at 0 of an empty table", on("remove", {}, 1, 0))
case("remove at 0 of a full table", on("remove", {1}, 1, 0))
case("remove from an empty table", on("remove", {}, 1))
case("remove at -1", on("remove", {1, 2}, 2, -1))
case("remove with a float position", on("remove", {1, 2}, 2, 1.0))
case("remove through metamethods", on_proxy("remove", {1, 2, 3}, 3, 3, 1))
case("remove from nil", function(lib) return outcome(lib.remove, nil) end)

-- move
case("move up, overlapping", on("move", {1, 2, 3}, 4, 1, 3, 2))
case("move down, overlapping", on("move", {1, 2, 3}, 3, 2, 3, 1))
case("move into another table", function(lib)
  local a, b = {1, 2, 3}, {9}
  return outcome(lib.move, a, 1, 3, 2, b) .. ser_table(b, 4)
end)
case("move into the same table given twice", on("move", {1, 2, 3}, 5, 1, 3, 2, nil))
case("move an empty range", on("move", {1, 2, 3}, 3, 3, 2, 1))
case("move too many elements", on("move", {}, 0, huge, big, 1))
case("move wrapping around", on("move", {}, 0, 1, 2, big))
case("move at the edges", on("move", {}, 0, big - 1, big, 1))
case("move with a float", on("move", {1}, 1, 1.5, 1, 1))
case("move without a destination index", on("move", {1}, 1, 1, 1))
case("move from nil", function(lib) return outcome(lib.move, nil, 1, 1, 1) end)
case("move into a number", function(lib) return outcome(lib.move, {}, 1, 1, 1, 5) end)
case("move through metamethods", on_proxy("move", {1, 2, 3}, 3, 5, 1, 3, 3))
case("move between proxies", function(lib, log)
  local a = proxy(log, 3, {1, 2, 3})
  local b, store = proxy(log, 0, {})
  return outcome(lib.move, a, 1, 3, 1, b) .. ser_table(store, 3)
end)
case("move between tables equal by __eq", function(lib, log)
  local eq = function() log[#log + 1] = "eq" return true end
  local a = setmetatable({1, 2, 3}, {__eq = eq})
  local b = setmetatable({}, {__eq = eq})
  return outcome(lib.move, a, 1, 3, 2, b) .. ser_table(b, 4)
end)

-- concat
case("concat", on("concat", {1, 2, "a"}, 3))
case("concat with a separator", on("concat", {1, 2, 3}, 3, ", "))
case("concat a range", on("concat", {1, 2, 3}, 3, "-", 2, 3))
case("concat an empty range", on("concat", {1, 2, 3}, 3, "-", 3, 2))
case("concat one element", on("concat", {1, 2, 3}, 3, "-", 2, 2))
case("concat a table element", on("concat", {1, {}, 3}, 3))
case("concat a hole", on("concat", {}, 0, "", 1, 1))
case("concat floats", on("concat", {1.5, 2^63, -0.0}, 3, " "))
case("concat with a number separator", on("concat", {1, 2}, 2, 0))
case("concat with a table separator", on("concat", {1, 2}, 2, {}))
case("concat a negative range", on("concat", {[-1] = "a", [0] = "b"}, 0, "", -1, 0))
case("concat through metamethods", on_proxy("concat", {"a", "b", "c"}, 3, 3, "+"))
case("concat nil", function(lib) return outcome(lib.concat, nil) end)

-- unpack
case("unpack", on("unpack", {1, 2, 3}, 3))
case("unpack from 2", on("unpack", {1, 2, 3}, 3, 2))
case("unpack past the end", on("unpack", {1, 2, 3}, 3, 2, 5))
case("unpack an empty range", on("unpack", {1, 2, 3}, 3, 3, 1))
case("unpack negative indices", on("unpack", {[-1] = "a", [0] = "b", "c"}, 1, -1, 1))
case("unpack too many", on("unpack", {}, 0, 1, 1e7))
case("unpack the whole integer range", on("unpack", {}, 0, huge, big))
case("unpack at maxinteger", on("unpack", {}, 0, big, big))
case("unpack with a float", on("unpack", {1}, 1, 1.5))
case("unpack a string", function(lib) return outcome(lib.unpack, "abc") end)
case("unpack nil", function(lib) return outcome(lib.unpack, nil) end)
case("unpack through metamethods", on_proxy("unpack", {1, 2, 3}, 3, 3))

-- rep
case("rep", function(lib) return outcome(lib.rep, "ab", 3) end)
case("rep with a separator", function(lib) return outcome(lib.rep, "ab", 3, ", ") end)
case("rep once with a separator", function(lib) return outcome(lib.rep, "ab", 1, ", ") end)
case("rep an empty string", function(lib) return outcome(lib.rep, "", 5) end)
case("rep empty with a separator", function(lib) return outcome(lib.rep, "", 3, "-") end)
case("rep zero times", function(lib) return outcome(lib.rep, "x", 0) end)
case("rep negative times", function(lib) return outcome(lib.rep, "x", -1, "y") end)
case("rep too large", function(lib) return outcome(lib.rep, "x", 2^62, "") end)
case("rep too large at 2^31", function(lib) return outcome(lib.rep, "ab", 2^30) end)
case("rep a number", function(lib) return outcome(lib.rep, 12, 2, 0) end)
case("rep a float count", function(lib) return outcome(lib.rep, "x", 2.5) end)
case("rep a string count", function(lib) return outcome(lib.rep, "x", "3") end)
case("rep a table", function(lib) return outcome(lib.rep, {}, 1) end)
case("rep with a table separator", function(lib) return outcome(lib.rep, "x", 2, {}) end)
case("rep binary", function(lib) return outcome(lib.rep, "a\0b", 3, "\0") end)
case("rep long", function(lib) return outcome(lib.rep, "abc", 100000, "-") end)

-- sort: the same sorted result, the same errors
local random = math.random
math.randomseed(42)
for trial = 1, 300 do
  local n = trial <= 20 and trial - 1 or random(0, 400)
  local values = {}
  local kind = trial % 3
  for i = 1, n do
    if kind == 0 then values[i] = random(1, 50)  -- many ties
    elseif kind == 1 then values[i] = random() * 1000
    else values[i] = ("k%05d"):format(random(1, 99999)) end
  end
  local order = (trial % 2 == 0) and function(a, b) return a > b end or nil
  case(("sort #%d (%d elements)"):format(trial, n), on("sort", values, n, order))
end
case("sort sorted input", on("sort", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10))
case("sort reversed input", on("sort", {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 10))
case("sort mixed types", on("sort", {1, "x", 2}, 3))
case("sort tables without an order", on("sort", {{}, {}}, 2))
case("sort with a non-function order", on("sort", {3, 1, 2}, 3, 1))
case("sort with a raising order", on("sort", {3, 1, 2}, 3, function() error("no order") end))
case("sort one element with a bad order", on("sort", {1}, 1, 5))
case("sort nil", function(lib) return outcome(lib.sort, nil) end)
case("sort an array too big", function(lib, log)
  return outcome(lib.sort, proxy(log, math.maxinteger, {}))
end)
case("sort at INT_MAX", function(lib, log) return outcome(lib.sort, proxy(log, 2^31 - 1, {})) end)
case("sort through metamethods", function(lib)
  local t, store = proxy({}, 6, {5, 3, 6, 1, 4, 2})
  return outcome(lib.sort, t) .. ser_table(store, 6)
end)

-- An order that is not one: the shim terminates and keeps every element (Lua may raise instead).
for _, bad in ipairs({function() return true end, function() return false end,
                      function(a, b) return a <= b end, function() return random() < 0.5 end}) do
  for _, n in ipairs({2, 3, 10, 200}) do
    local t, count = {}, {}
    for i = 1, n do t[i] = i % 7 count[i % 7] = (count[i % 7] or 0) + 1 end
    local okay, err = pcall(LOOPS.sort, t, bad)
    local after = {}
    for i = 1, n do after[t[i]] = (after[t[i]] or 0) + 1 end
    local same = true
    for k, c in pairs(count) do same = same and after[k] == c end
    ok((okay or tostring(err):find("invalid order function")) and same,
       "sort with an inconsistent order keeps its elements (" .. n .. ")", tostring(err))
  end
end

-- load: the same function (called, it returns the same), the same errors
-- A chunk given as {pieces...} becomes a fresh reader function for each library.
local function load_case(name, chunk, ...)
  local args = table.pack(...)
  case("load " .. name, function(lib)
    local first = chunk
    if type(chunk) == "table" and chunk.pieces then
      local i = 0
      first = function() i = i + 1 return chunk.pieces[i] end
    end
    local r = table.pack(pcall(call, lib.load, first, table.unpack(args, 1, args.n)))
    if not r[1] then return "error " .. ser(r[2]) end
    local parts = {}
    for i = 1, r[2].n do parts[i] = ser(r[2][i]) end
    if type(r[2][1]) == "function" then parts[#parts + 1] = outcome(r[2][1]) end
    return table.concat(parts, " ")
  end)
end

local function reader(...) return {pieces = table.pack(...)} end

load_case("a string", "return 1 + 2")
load_case("a syntax error", "syntax error here")
load_case("a long chunk name", "error('x')", "=" .. ("n"):rep(300))
load_case("a named chunk", "return x", "=name", "t", {x = 5})
load_case("an env of nil", "return x", "=name", "t", nil)
load_case("text in binary mode", "return 1", "=b", "b")
load_case("binary in text mode", string.dump(function() return 7 end), "=b", "t")
load_case("binary", string.dump(function() return 7 end))
load_case("a number", 12)
load_case("an empty string", "")
load_case("nil", nil)
load_case("a table", {})
load_case("a bad mode", "return 1", "=m", {})
load_case("pieces", reader("return ", "1", " + 41"))
load_case("pieces split inside a token", reader("ret", "urn 'ab", "cd'"))
load_case("an empty first piece", reader("", "return 1"))
load_case("a number piece", reader("return ", 7))
load_case("a table piece", reader("return ", {}))
load_case("a raising reader", function() error("reader broke") end)
load_case("pieces with an env", reader("return y"), "=r", "t", {y = "env"})
load_case("a long chunk", ("x = 1\n"):rep(50000) .. "return x")
load_case("a long string literal", "return #'" .. ("a"):rep(200000) .. "'")
load_case("long pieces", reader("return #'", ("b"):rep(300000), "'"))
load_case("a syntax error past the first piece", ("x = 1\n"):rep(20000) .. "x = = 2")

-- ---------------------------------------------------------------------------
-- Interruption

local function is_interrupt(err)
  return type(err) == "string" and err:find(INTERRUPT_MESSAGE, 1, true) ~= nil
end

local endless_length = {__len = function() return 2^62 end}
-- Each of these runs for years without an interrupt.
local endless = {
  {"move up", function() return LOOPS.move({}, 1, 2^62, 2) end},
  {"move into another table", function() return LOOPS.move({}, 1, 2^62, 1, {}) end},
  {"insert", function() return LOOPS.insert(setmetatable({}, endless_length), 1, "x") end},
  {"remove", function() return LOOPS.remove(setmetatable({}, endless_length), 1) end},
  {"concat", function()
    return LOOPS.concat(setmetatable({}, {__index = function() return "" end}), "", 1, 2^62)
  end},
  {"load from a C reader", function()
    local f, err = LOOPS.load(os.time)  -- an ever longer numeral: 17331234561733123456...
    error(err)
  end},
  {"sort", function()
    local t = setmetatable({}, {__len = function() return 2^31 - 2 end,
      __index = function(_, k) return k % 1000 end, __newindex = function() end})
    return LOOPS.sort(t)
  end},
}

for _, c in ipairs(endless) do
  interrupt_after(0.2)
  local t0 = now()
  local okay, err = pcall(c[2])
  local elapsed = now() - t0
  join_timer()
  set_interrupt(false)
  ok(not okay and is_interrupt(err), "interrupt raises: " .. c[1], tostring(err))
  ok(elapsed >= 0.19 and elapsed < 1.0, "interrupt within 1 s: " .. c[1], ("  took %.3f s"):format(elapsed))
  print(("interrupt: %-24s stopped %.1f ms after the flag"):format(c[1], (elapsed - 0.2) * 1000))
end

do
  local t0 = now()
  ok(LOOPS.rep("", 2^62) == "" and LOOPS.rep("", 2^62, "") == "", "rep of nothing is empty")
  ok(now() - t0 < 0.05, "rep of nothing returns at once")
  -- With the flag set, a loop stops at its first poll; a short one never reaches it.
  set_interrupt(true)
  ok(LOOPS.concat({"a", "b"}) == "ab", "flag set: a short concat still completes")
  ok(not select(1, pcall(LOOPS.rep, "x", 5000, "")), "flag set: a long rep stops")
  local long = {}
  for i = 1, 5000 do long[i] = i end
  for _, name in ipairs({"concat", "unpack", "sort"}) do
    local okay, err = pcall(LOOPS[name], long)
    ok(not okay and is_interrupt(err), "flag set: a long " .. name .. " stops", tostring(err))
  end
  local f, err = LOOPS.load("return 1")
  ok(f == nil and is_interrupt(err), "flag set: load returns the interrupt", tostring(err))
  set_interrupt(false)
  ok(#LOOPS.rep("x", 5000, "") == 5000, "flag cleared: rep runs to the end")
end

-- ---------------------------------------------------------------------------
-- Timing (run.sh bench)

if BENCH then
  local function numbers(n)
    local t = {}
    for i = 1, n do t[i] = random() end
    return t
  end
  local cases = {
    {"sort 100k numbers", "sort", function(f) f(numbers(100000)) end},
    {"sort 100k, comp", "sort", function(f) f(numbers(100000), function(a, b) return a > b end) end},
    {"insert/remove front", "insert", function(f, lib)
      local t = numbers(2000)
      for _ = 1, 500 do f(t, 1, 0) lib.remove(t, 1) end
    end},
    {"concat 100k", "concat", function(f) local t = numbers(100000) for _ = 1, 5 do f(t, ",") end end},
    {"unpack 200 x 10k", "unpack", function(f) local t = numbers(200) for _ = 1, 10000 do f(t) end end},
    {"rep 1M x 100", "rep", function(f) for _ = 1, 100 do f("ab", 500000, "") end end},
  }
  for _, c in ipairs(cases) do
    local builtin, ours = math.huge, math.huge
    for _ = 1, 5 do
      local t0 = now()
      c[3](REAL[c[2]], REAL)
      builtin = math.min(builtin, now() - t0)
      t0 = now()
      c[3](LOOPS[c[2]], LOOPS)
      ours = math.min(ours, now() - t0)
    end
    print(("bench %-20s lua %.3f s, shim %.3f s, ratio %.2f"):format(c[1], builtin, ours, ours / builtin))
  end
end

return passed, failed
