-- Differential test of the sandbox's pattern functions (global P, from Sources/CLuaShim/patterns.c)
-- against Lua 5.4's string library: same results, same number of results, same errors.
-- Returns (passed, failed); patterns_diff.c prints the summary line.

local passed, failed = 0, 0
local reports = 0

local function fail(what, detail)
  failed = failed + 1
  if reports < 40 then
    reports = reports + 1
    print("FAIL " .. what)
    if detail then print(detail) end
  end
end

local function ok(cond, what, detail)
  if cond then passed = passed + 1 else fail(what, detail) end
  return cond
end

-- ---------------------------------------------------------------------------
-- Outcomes as comparable strings

local function ser(v)
  local t = type(v)
  if t == "string" then return string.format("%q", v) end
  if t == "number" then return math.type(v) .. ":" .. tostring(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  return t  -- tables and functions: identity differs between runs, the type does not
end

local function ser_list(r, first, last)
  local parts = {}
  for i = first, last do parts[#parts + 1] = ser(r[i]) end
  return (last - first + 1) .. "[" .. table.concat(parts, ", ") .. "]"
end

-- Replacement functions write what they were called with here, so the calls are compared too.
local LOG = {}

-- Both implementations are called from the same line through a local, so error messages carry
-- the same position and the same function name ("f").
local function call(f, ...)
  return table.pack(f(...))
end

local function run_gmatch(f, ...)
  local it = f(...)
  local out = {}
  for _ = 1, 100 do
    local r = table.pack(it())
    out[#out + 1] = ser_list(r, 1, r.n)
    if r.n == 0 or r[1] == nil then break end
  end
  return table.pack(table.concat(out, " "))
end

local function outcome(lib, fname, ...)
  LOG = {}
  local res
  if fname == "gmatch" then
    res = table.pack(pcall(run_gmatch, lib.gmatch, ...))
  else
    res = table.pack(pcall(call, lib[fname], ...))
  end
  local text
  if res[1] then
    text = ser_list(res[2], 1, res[2].n)
  else
    text = "error: " .. ser(res[2])
  end
  if #LOG > 0 then text = text .. " calls: " .. table.concat(LOG, "; ") end
  return text
end

local function describe(fname, ...)
  local args = table.pack(...)
  local parts = {}
  for i = 1, args.n do parts[i] = type(args[i]) == "string" and ser(args[i]) or tostring(args[i]) end
  return fname .. "(" .. table.concat(parts, ", ") .. ")"
end

local function same(fname, ...)
  local expected = outcome(string, fname, ...)
  local actual = outcome(P, fname, ...)
  if expected == actual then
    passed = passed + 1
  else
    fail(describe(fname, ...), "  string: " .. expected .. "\n  P:      " .. actual)
  end
  return expected
end

-- Replacement values for gsub.
local function logger(...)
  LOG[#LOG + 1] = ser_list(table.pack(...), 1, select("#", ...))
  local first = ...
  if first == "x" then return false end
  if first == "y" then return nil end
  if first == "1" then return 42 end
  if first == "t" then return {} end
  return "<" .. tostring(first) .. ">"
end

local TABLE = setmetatable({a = "A", b = false, ["1"] = 7, ab = "AB", x = {}},
  {__index = function(_, k) LOG[#LOG + 1] = "index " .. ser(k) end})

-- ---------------------------------------------------------------------------
-- (1) Hand-written corpus

-- {subject, pattern}: each is tried with find, match, gmatch and gsub(…, "<%0>").
local pairs_corpus = {
  -- plain characters, empty pattern and subject
  {"hello world", "o w"}, {"hello", ""}, {"", ""}, {"", "a"}, {"", "a*"}, {"", "^$"}, {"", "$"},
  {"abc", "abcd"}, {"abc", "c"}, {"aaa", "aa"},
  -- '.', anchors and a '^'/'$' that are not anchors
  {"abc", "."}, {"abc", "^."}, {"abc", ".$"}, {"abc", "^abc$"}, {"abc", "^b"}, {"a^b", "a^b"},
  {"^a^b", "^."}, {"a$b", "a$b"}, {"a$", "a$"}, {"ab$", "$$"}, {"abc", "b$"}, {"^^", "^^"},
  -- classes and their complements
  {"ab1 2\tC!d\n", "%a+"}, {"ab1 2\tC!d\n", "%A+"}, {"ab\1\31\127x", "%c+"}, {"ab\1\31x", "%C+"},
  {"x12y345", "%d+"}, {"x12y345", "%D+"}, {"a b!~\127", "%g+"}, {"a b!~", "%G+"},
  {"aBcD", "%l+"}, {"aBcD", "%L+"}, {"a,b.c!", "%p"}, {"a,b.c!", "%P+"}, {"a \t\n\v\f\rb", "%s+"},
  {"a \tb", "%S+"}, {"aBcD", "%u"}, {"aBcD", "%U+"}, {"a_1 b2", "%w+"}, {"a_1 b2", "%W"},
  {"0x1fG", "%x+"}, {"0x1fG", "%X+"}, {"a\0b\0", "%z"}, {"\0\0b", "%Z"}, {"a.b", "%."},
  {"a%b", "%%"}, {"a]b", "%]"}, {"q", "%q"}, {"ab", "%a%a"}, {"\200\255", "%a"}, {"\200\255", "."},
  -- sets
  {"abcxyz", "[b-y]+"}, {"abc-", "[a-]+"}, {"-abc", "[-a]+"}, {"a-z", "[z-a]"}, {"a]b", "[]]"},
  {"a]b", "[^]]+"}, {"a]b", "[%]]"}, {"ab^", "[%^]"}, {"ab^", "[b^]+"}, {"a^b", "[^^]+"},
  {"a1_", "[%d_]+"}, {"a1 b", "[^%s]+"}, {"a%b", "[%%]"}, {"a-b", "[a%-b]+"}, {"abc", "[]"},
  {"abc", "[^]"}, {"abc", "[a"}, {"abc", "[%"}, {"abc", "[a%"}, {"abc", "[^"}, {"abc", "[]a"},
  {"a.b", "[.]"}, {"Ab9", "[%u%d]+"}, {"-", "[--]"}, {"]", "[]-a]"}, {"a", "[]-a]"},
  -- quantifiers
  {"aaab", "a*"}, {"aaab", "a+"}, {"aaab", "a-"}, {"aaab", "a-b"}, {"aaab", "a?"}, {"b", "a?b"},
  {"ab", "a?b"}, {"aab", "a?ab"}, {"xyz", "a*"}, {"xyz", "a+"}, {"xyz", "a-"}, {"abc", "*a"},
  {"a*", "a%*"}, {"+a", "+a"}, {"a?", "??"}, {"--", "--"}, {"<a><b>", "<.->"}, {"<a><b>", "<.*>"},
  {"a.b.c", "(.-)%."}, {"a.b.c", "(.*)%."}, {"1234", "%d-4"}, {"aaa", "a-$"}, {"aaa", "^a-"},
  -- captures
  {"hello world", "(h)(e)(l)"}, {"hello", "()ll()"}, {"hello", "()"}, {"hello", "(l)(l)"},
  {"hello", "((l)(l))"}, {"key = value", "(%w+)%s*=%s*(%w+)"}, {"abc", "()a()b()c()"},
  {"abc", "(a(b(c)))"}, {"abc", "(a)(b"}, {"abc", "a)"}, {"abc", "(a))"}, {"abc", "(()"},
  {"", "()"}, {"abc", "(.)()"}, {"abc", "(a*(.)%w(%s*))"},
  -- back-references
  {"abcabc", "(abc)%1"}, {"xaax", "(a)%1"}, {"'say' \"it\"", "([\"'])(.-)%1"}, {"aa", "%1"},
  {"aa", "(a%1)"}, {"aa", "(a)%2"}, {"aa", "%0"}, {"aa", "()%1"}, {"abab", "((a)b)%1"},
  {"abab", "(a)(b)%2"},
  -- balanced and frontier
  {"f(a(b)c) (d)", "%b()"}, {"((x)", "%b()"}, {"no parens", "%b()"}, {"[[a]]", "%b[]"},
  {"\"q\" \"r\"", "%b\"\""}, {"abc", "%b"}, {"abc", "%ba"}, {"x(", "%b()"},
  {"THE (quick) fox", "%f[%a]%a+"}, {"THE (quick) fox", "%f[%A]"}, {"hello", "%f[%w]"},
  {"hello", "%f[%W]"}, {"a b", "%f[%s]"}, {"abc", "%f[a]"}, {"abc", "%fa"}, {"abc", "%f"},
  {"a\0b", "%f[%z]"}, {"", "%f[%z]"}, {"", "%f[^%z]"},
  -- malformed patterns
  {"abc", "%"}, {"abc", "a%"}, {"abc", "(a"}, {"abc", "a)"}, {"abc", "%g%"}, {"abc", "[a-"},
  -- embedded NULs: Lua strings are bytes
  {"a\0b\0c", "\0"}, {"a\0b\0c", "%z."}, {"a\0b", "[\0]"}, {"a\0b", "[^\0]+"}, {"a\0b", "a.b"},
  {"a\0b", "\0b$"}, {"a\0.b", "\0."}, {"a\0b", "[a-\0]"},
  -- numbers are strings here
  {12345, 3}, {12.5, "%."}, {-3, "%-"},
}

for _, c in ipairs(pairs_corpus) do
  local s, p = c[1], c[2]
  same("find", s, p)
  same("match", s, p)
  same("gmatch", s, p)
  same("gsub", s, p, "<%0>")
end

-- Start positions: positive, zero, negative, beyond the end, and the plain flag.
for _, init in ipairs({1, 2, 3, 4, 5, 6, 10, 0, -1, -2, -3, -4, -5, -100, math.maxinteger,
                      math.mininteger, 2.0}) do
  same("find", "abcd", "c", init)
  same("find", "abcd", "", init)
  same("find", "abcd", "%a", init)
  same("find", "abcd", "^%a", init)
  same("find", "a.c.", ".", init, true)
  same("match", "abcd", "()", init)
  same("match", "abcd", "(.)$", init)
  same("gmatch", "abcd", "", init)
  same("gmatch", "abcd", "%a", init)
end

local specific = {
  -- find: plain, nospecials, init types
  {"find", "a.b", ".", 1, true}, {"find", "a.b", ".", 1, false}, {"find", "a.b", ".", 1, nil},
  {"find", "a+b", "+", 1, 1}, {"find", "a(b", "(", 1, true}, {"find", "a(b", "("},
  {"find", "abc", "", 10, true}, {"find", "abc", "", 4, true}, {"find", "abc", "c", -1, true},
  {"find", "a\0b", "\0b"}, {"find", "abc", "b", 1.5}, {"find", "abc", "b", "2"},
  {"find", "abc", "b", "x"}, {"find", "abc"}, {"find"}, {"find", nil, "a"}, {"find", {}, "a"},
  {"find", "abc", "b", nil, true}, {"match", "abc", "b", {}}, {"find", "abc", {}},
  -- gsub: replacement strings
  {"gsub", "hello world", "o", "0"}, {"gsub", "hello world", "(o)", "[%1]"},
  {"gsub", "hello world", "o", "%%"}, {"gsub", "hello world", "o", "%0%0"},
  {"gsub", "hello world", "o", "%1"}, {"gsub", "hello world", "o", "%2"},
  {"gsub", "hello world", "(o)", "%2"}, {"gsub", "hello world", "o", "%x"},
  {"gsub", "hello world", "o", "%"}, {"gsub", "hello world", "o", "a%"},
  {"gsub", "hello", "()l", "%1"}, {"gsub", "hello", "(l)()", "%2%1"},
  {"gsub", "hello", "l", "%\0"}, {"gsub", "hello", "l", "\0%%\0"}, {"gsub", "hello", "", "-"},
  {"gsub", "abc", "%w*", "-"}, {"gsub", "abc", "%w-", "-"}, {"gsub", "a,b,,c", ",*", ";"},
  {"gsub", "hello", "l", 1}, {"gsub", "hello", "l", 2.5}, {"gsub", "hello", "^h", "H"},
  {"gsub", "hhh", "^h", "H"}, {"gsub", "hello", "^", ">"}, {"gsub", "hello", "$", "<"},
  {"gsub", "hello", "^$", "x"}, {"gsub", "", "^$", "x"}, {"gsub", "", "", "x"},
  -- gsub: max n
  {"gsub", "aaaa", "a", "b", 2}, {"gsub", "aaaa", "a", "b", 0}, {"gsub", "aaaa", "a", "b", -1},
  {"gsub", "aaaa", "a", "b", 2.0}, {"gsub", "aaaa", "a", "b", 2.5}, {"gsub", "aaaa", "a", "b", "3"},
  {"gsub", "aaaa", "a", "b", "x"}, {"gsub", "aaaa", "", "-", 3}, {"gsub", "aaaa", "a", nil, "x"},
  {"gsub", "aaaa", "a", "b", math.maxinteger}, {"gsub", "aaaa", "a", "b", math.mininteger},
  -- gsub: table and function replacements
  {"gsub", "a b ab x 1", "%w+", TABLE}, {"gsub", "a b ab x 1", "(%w)(%w*)", TABLE},
  {"gsub", "abc", "()", TABLE}, {"gsub", "a b x y 1 t z", "%w+", logger},
  {"gsub", "k=v, a=b", "(%w+)=(%w+)", logger}, {"gsub", "abc", "()(.)", logger},
  {"gsub", "abc", "", logger}, {"gsub", "abc", "%w", logger, 2}, {"gsub", "t", "t", logger},
  {"gsub", "abc", "b", {b = true}}, {"gsub", "abc", "b", {b = 1.5}}, {"gsub", "abc", "b", {b = "x"}},
  {"gsub", "abc", "b", function() error("boom") end},
  {"gsub", "abc", "b", function() error({}) end},
  {"gsub", "abc", "(b", logger}, {"gsub", "abc", "(b", TABLE}, {"gsub", "abc", "(b", "x"},
  -- gsub: bad arguments
  {"gsub", "abc", "b"}, {"gsub", "abc", "b", true}, {"gsub", "abc", "b", nil},
  {"gsub", "abc", nil, "x"}, {"gsub", nil, "b", "x"}, {"gsub", 123, 2, 9},
  -- gmatch: arguments and '^'
  {"gmatch", "abc"}, {"gmatch", nil, "a"}, {"gmatch", "abc", "b", "x"},
  {"gmatch", "^a^a", "^a"}, {"gmatch", "aaa", "^a"}, {"gmatch", "one two  three", "%a+"},
  {"gmatch", "k=v, a=b", "(%w+)=(%w+)"}, {"gmatch", "abc", "()"}, {"gmatch", "abc", ".-"},
  {"gmatch", "abc", "%w*"}, {"gmatch", "a,b,,c", "([^,]*)"}, {"gmatch", "abc", "(a"},
  {"gmatch", "abc", "[a"}, {"gmatch", "abc", "b", 10},
  -- limits: recursion depth and number of captures
  {"find", ("a"):rep(300), ("a?"):rep(199)}, {"find", ("a"):rep(300), ("a?"):rep(200)},
  {"match", ("a"):rep(300), ("(a)"):rep(31) .. ("a?"):rep(160)},
  {"find", ("a"):rep(40), ("(a)"):rep(32)}, {"find", ("a"):rep(40), ("(a)"):rep(33)},
  {"match", ("a"):rep(40), ("()"):rep(32)}, {"match", ("a"):rep(40), ("()"):rep(33)},
  {"gsub", ("a"):rep(40), ("(a)"):rep(32), "%9"}, {"gsub", ("a"):rep(300), ("a?"):rep(200), ""},
  {"gmatch", ("a"):rep(300), ("a?"):rep(200)}, {"find", ("a"):rep(500), (".-"):rep(199) .. "$"},
  {"find", ("a"):rep(500), ("()"):rep(30) .. ("%w?"):rep(170)},
}

for _, c in ipairs(specific) do
  same(table.unpack(c, 1, c.n or #c))
end
-- Trailing nil arguments need an explicit count.
same("find", "abc", "b", nil, nil)
same("gsub", "abc", "b", "x", nil)
same("gmatch", "abc", "b", nil)

-- Method calls (what recipes write) go through the string metatable: swap P in for a moment.
do
  local saved = {}
  local function with(lib, f)
    for _, k in ipairs({"find", "match", "gmatch", "gsub"}) do saved[k] = string[k]; string[k] = lib[k] end
    local r = table.pack(pcall(f))
    for k, v in pairs(saved) do string[k] = v end
    return ser_list(r, 1, r.n)
  end
  local function methods()
    local n = 0
    for w in ("a bb ccc"):gmatch("%a+") do n = n + #w end
    return ("x=1"):match("(%w)=(%d)"), ("hello"):find("l+"), ("hello"):gsub("l", "L"), n
  end
  local function bad_method() return ("x"):find() end
  ok(with(string, methods) == with(P, methods), "method calls")
  local a, b = with(string, bad_method), with(P, bad_method)
  ok(a == b, "method call error", a .. "\n" .. b)
end

local corpus_count = passed + failed
print(("corpus: %d cases"):format(corpus_count))

-- ---------------------------------------------------------------------------
-- (2) Seeded random fuzz

math.randomseed(20240601)
local random = math.random

local ATOMS = {
  "a", "b", "c", "a", "b", ".", "%a", "%d", "%s", "%w", "%p", "%A", "[ab]", "[^a]", "[a-c]",
  "[%d.]", "[]]", "[^%s]", "(", ")", "()", "(", ")", "%1", "%2", "%b()", "%bab", "%f[%w]",
  "%f[%s]", "%f[^a]", "^", "$", "*", "+", "-", "?", "*", "+", "-", "?", "%", "[", "%%", "%.",
  "%(", " ", "\0", "x", "%z",
}
local SUBJECT_CHARS = {"a", "a", "b", "b", "c", " ", "(", ")", "1", "2", ".", "%", "\0", "x", "A"}
local REPLACEMENTS = {"-", "%0", "<%1>", "%2%1", "%%", "%", "%x", "", "[%0]", 7}

local function random_pattern()
  local parts = {}
  for i = 1, random(0, 7) do parts[i] = ATOMS[random(#ATOMS)] end
  return table.concat(parts)
end

local function random_subject()
  local parts = {}
  for i = 1, random(0, 12) do parts[i] = SUBJECT_CHARS[random(#SUBJECT_CHARS)] end
  return table.concat(parts)
end

local function random_init(len)
  local r = random(6)
  if r == 1 then return random(-len - 2, len + 2) end
  return nil
end

local FUZZ_PAIRS = 100000
local fuzz_start = passed + failed
local kinds = {error = 0, none = 0, found = 0}  -- to see that the fuzz exercises all three
for _ = 1, FUZZ_PAIRS do
  local s, p = random_subject(), random_pattern()
  local init = random_init(#s)
  local found = same("find", s, p, init, random(8) == 1 or nil)
  local kind = found:find("^error") and "error" or (found == "1[nil]" and "none" or "found")
  kinds[kind] = kinds[kind] + 1
  same("match", s, p, init)
  same("gmatch", s, p, init)
  local r = random(12)
  local repl = r <= #REPLACEMENTS and REPLACEMENTS[r] or (r == 11 and TABLE or logger)
  same("gsub", s, p, repl, random(5) == 1 and random(-1, 3) or nil)
end
print(("fuzz: %d pairs, %d comparisons; find: %d found, %d not found, %d errors"):format(
  FUZZ_PAIRS, passed + failed - fuzz_start, kinds.found, kinds.none, kinds.error))

-- ---------------------------------------------------------------------------
-- (3) Interruption

local function is_interrupt(err)
  return type(err) == "string" and err:find(INTERRUPT_MESSAGE, 1, true) ~= nil
end

-- Each of these runs for many seconds without an interrupt.
local slow = {
  {"find", function() return P.find(("a"):rep(200), ".-.-.-.-b") end},
  {"match", function() return P.match(("a"):rep(200), "(.-)(.-)(.-)(.-)b") end},
  {"gmatch", function() for _ in P.gmatch(("a"):rep(200), ".-.-.-.-b") do end end},
  {"gsub", function() return P.gsub(("a"):rep(200), ".*.*.*.*b", "") end},
  {"gsub with %b", function() return P.gsub(("("):rep(200000), "%b()", "") end},
  {"back-references", function() return P.find(("a"):rep(100000), "(.*)%1b") end},
  {"gmatch in a coroutine", function()
    local it = P.gmatch(("a"):rep(200), ".-.-.-.-b")
    return coroutine.wrap(function() return it() end)()
  end},
}

for _, case in ipairs(slow) do
  interrupt_after(0.3)
  local t0 = now()
  local okay, err = pcall(case[2])
  local elapsed = now() - t0
  join_timer()
  set_interrupt(false)
  ok(not okay and is_interrupt(err), "interrupt raises: " .. case[1], tostring(err))
  ok(elapsed >= 0.29 and elapsed < 1.0, "interrupt within 1 s: " .. case[1],
     ("  took %.3f s"):format(elapsed))
  print(("interrupt: %-22s stopped %.1f ms after the flag"):format(case[1], (elapsed - 0.3) * 1000))
end

-- With the flag clear nothing is raised; short calls never reach a poll even with the flag set,
-- and once it is cleared long ones run to the end.
do
  set_interrupt(false)
  ok(select(2, P.find("hello world", "o w")) == 7, "flag clear: find")
  ok(P.gsub(("ab"):rep(5000), "b", "c") == ("ac"):rep(5000), "flag clear: long gsub")
  set_interrupt(true)
  ok(P.match("key=value", "(%w+)=") == "key", "flag set: a short match still completes")
  local okay, err = pcall(P.gsub, ("ab"):rep(5000), "b", "c")
  ok(not okay and is_interrupt(err), "flag set: a long gsub stops", tostring(err))
  set_interrupt(false)
  ok(P.find(("a"):rep(30), ".-.-b") == nil, "flag cleared again: matching resumes")
end

-- ---------------------------------------------------------------------------
-- Timing (run.sh bench)

if BENCH then
  local function time(label, f, n)
    local t0 = now()
    f(n)
    return now() - t0
  end
  local cases = {
    {"find email", function(find) return function(n)
      local s, pat = "jane.doe+news@example.co.uk", "^[%w._%%+-]+@[%w.-]+%.%a+$"
      for _ = 1, n do find(s, pat) end end end, "find", 1000000},
    {"match key=value", function(match) return function(n)
      for _ = 1, n do match("  timeout = 30 ", "^%s*(%w+)%s*=%s*(%w+)") end end end, "match", 1000000},
    {"gsub words", function(gsub) return function(n)
      local s = ("the quick brown fox "):rep(10)
      for _ = 1, n do gsub(s, "%w+", "%0!") end end end, "gsub", 100000},
    {"gmatch csv", function(gmatch) return function(n)
      local s = ("abc,def,,ghi,"):rep(5)
      for _ = 1, n do for _ in gmatch(s, "([^,]*)") do end end end end, "gmatch", 100000},
    {"find plain", function(find) return function(n)
      local s = ("lorem ipsum dolor sit amet "):rep(4) .. "needle"
      for _ = 1, n do find(s, "needle", 1, true) end end end, "find", 1000000},
  }
  for _, c in ipairs(cases) do
    local label, make, name, n = c[1], c[2], c[3], c[4]
    local builtin = math.huge
    local ours = math.huge
    for _ = 1, 5 do  -- best of five, interleaved: the figures are noisy on a busy machine
      builtin = math.min(builtin, time(label, make(string[name]), n))
      ours = math.min(ours, time(label, make(P[name]), n))
    end
    print(("bench %-16s %8d calls: string %.3f s, P %.3f s, ratio %.2f"):format(
      label, n, builtin, ours, ours / builtin))
  end
end

return passed, failed
