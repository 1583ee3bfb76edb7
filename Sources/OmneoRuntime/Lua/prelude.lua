local host, omneo = ... -- the sandbox prelude (SandboxPrelude.swift): per-chunk environments, safe globals, require
local rawload, pairs, next, type, select, error, tostring = load, pairs, next, type, select, error, tostring
local rawget, rawset, setmetatable, getmetatable, pcall = rawget, rawset, setmetatable, getmetatable, pcall
local collectgarbage = collectgarbage
local tpack, tunpack, concat = table.pack, table.unpack, table.concat

-- The host already replaced string.find/match/gmatch/gsub with interruptible versions.
string.dump = nil
local string_metatable = getmetatable("")
string_metatable.__metatable = false

local function refusing(library, hints)
  return {
    __index = function(_, key)
      local hint = hints[key]
      if hint then error(library .. "." .. tostring(key) .. " is not available in recipes" .. hint, 2) end
    end,
  }
end

local function copy(source, into)
  local result = into or {}
  for key, value in pairs(source) do result[key] = value end
  return result
end

local no_files = " (recipes cannot touch files, processes or the environment; read CSV with omneo.csv.rows)"
local os_hints = { execute = no_files, remove = no_files, rename = no_files, exit = " (raise an error to stop a recipe)",
  getenv = " (pass values with --arg KEY=VALUE and read them with omneo.params)", tmpname = no_files, setlocale = no_files }
local string_hints = { dump = " (binary chunks are not allowed)" }
local package_hints = { loadlib = " (C modules cannot be loaded)", cpath = " (C modules cannot be loaded)",
  searchers = " (require searches the recipe's folder, --lib folders and the bundled stdlib)",
  searchpath = " (require searches the recipe's folder, --lib folders and the bundled stdlib)",
  preload = " (C modules cannot be loaded)" }
local global_hints = { io = no_files, debug = " (the debug library can break the sandbox)",
  dofile = " (use require for .lua modules on the search path)", loadfile = " (use require for .lua modules on the search path)",
  loadstring = " (use load with a string)", module = " (return a table from the module instead)",
  setfenv = " (use load's env argument)", getfenv = " (use _ENV)", newproxy = "", unpack = " (use table.unpack)" }

local string_proxy = setmetatable({}, {
  __index = function(_, key)
    if key == "__index" then return string end
  end,
  __newindex = function() error("the string metatable is read-only in recipes", 2) end,
  __metatable = false,
})

local function sandbox_getmetatable(value)
  if type(value) == "string" then return string_proxy end
  return getmetatable(value)
end

local function sandbox_setmetatable(t, metatable)
  if type(metatable) == "table" and rawget(metatable, "__gc") ~= nil then
    error("__gc metamethods are not allowed in recipes (finalizers cannot be stopped by --timeout)", 2)
  end
  return setmetatable(t, metatable)
end

local allowed_collect = { count = true, collect = true, step = true, isrunning = true }
local function sandbox_collectgarbage(option, ...)
  option = option or "collect"
  if not allowed_collect[option] then
    error("collectgarbage('" .. tostring(option) .. "') is not allowed in recipes (only count, collect, step)", 2)
  end
  return collectgarbage(option, ...)
end

-- xpcall's handler runs with hooks off, so a looping handler would escape --timeout:
-- run the handler after pcall returns instead, as ordinary (interruptible) code.
local function sandbox_xpcall(f, handler, ...)
  local results = tpack(pcall(f, ...))
  if results[1] then return tunpack(results, 1, results.n) end
  local ok, handled = pcall(handler, results[2])
  return false, handled
end

local function sandbox_print(...)
  local parts = tpack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  host.log("info", concat(parts, "\t", 1, parts.n))
end

local loaded, new_env = {}, nil
local LOADING = {}

local function sandbox_require(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  if name == "omneo" then return omneo end
  local value = loaded[name]
  if value == LOADING then error("module '" .. name .. "' requires itself (a require loop)", 2) end
  if value ~= nil then return value end
  local source, chunkname = host.find_module(name)
  if not source then error(chunkname, 2) end
  local chunk, err = rawload(source, chunkname, "t", new_env())
  if not chunk then error(err, 0) end
  loaded[name] = LOADING
  local unmark <close> = setmetatable({}, { __close = function(_, err) if err then loaded[name] = nil end end })
  local result = chunk(name)
  if result == nil then result = true end
  loaded[name] = result
  return result
end

local package_proxy = setmetatable({ loaded = loaded, path = host.search_path() }, refusing("package", package_hints))

local base = {}
for _, name in pairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen",
  "rawset", "select", "tonumber", "tostring", "type", "_VERSION" }) do
  base[name] = _G[name]
end
copy({ getmetatable = sandbox_getmetatable, setmetatable = sandbox_setmetatable, xpcall = sandbox_xpcall,
  collectgarbage = sandbox_collectgarbage, print = sandbox_print, require = sandbox_require }, base)

local coroutine_library = copy(coroutine)
local env_metatable = {
  __index = function(_, key)
    local hint = global_hints[key]
    if hint then error(tostring(key) .. " is not available in recipes" .. hint, 2) end
  end,
}

new_env = function()
  local env = copy(base)
  env.string = setmetatable(copy(string), refusing("string", string_hints))
  env.table, env.math, env.utf8 = copy(table), copy(math), copy(utf8)
  env.coroutine = copy(coroutine_library)
  env.os = setmetatable({ time = os.time, date = os.date, clock = os.clock }, refusing("os", os_hints))
  env.package = package_proxy
  env.omneo = omneo
  env._G = env
  env.load = function(chunk, chunkname, mode, ...)
    local chunk_env = env
    if select("#", ...) > 0 then chunk_env = ... end
    if mode ~= nil and type(mode) ~= "string" then
      error("bad argument #3 to 'load' (string expected, got " .. type(mode) .. ")", 2)
    end
    if type(chunk) == "string" and chunk:byte(1) == 27 then
      return nil, "binary chunks are not allowed in recipes"
    end
    return rawload(chunk, chunkname, "t", chunk_env)
  end
  return setmetatable(env, env_metatable)
end

-- Nothing of the trusted globals stays reachable by name.
for _, name in pairs({ "dofile", "loadfile", "load", "require", "collectgarbage" }) do _G[name] = nil end

return function(source, chunkname)
  local chunk, err = rawload(source, chunkname, "t", new_env())
  if not chunk then error(err, 0) end
  return chunk
end
