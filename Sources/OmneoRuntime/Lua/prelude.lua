local host, omneo, readonly = ... -- the sandbox prelude (SandboxPrelude.swift): per-chunk environments, safe globals, require
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

-- What every chunk shares, each as a read-only view (readonly.lua): the string library that string
-- methods use (one per state: a chunk's `string` global is its own copy), the omneo API and its tables,
-- package and package.loaded, and each module's table.
local shared_strings = "string methods are shared by every chunk of the run; "
  .. "keep your own function in a local, or change your own copy: string.name = ..."
readonly.settled(string, "the string library behind string methods", shared_strings)
local string_metatable_view = readonly.settled(string_metatable, "the string metatable", shared_strings)
local omneo_view = readonly.settled(omneo, "omneo", "the omneo API is shared by the recipe and every module it "
  .. "requires; wrap a function in a local of your own instead of replacing it")

local function sandbox_getmetatable(value)
  if type(value) == "string" then return string_metatable_view end
  return getmetatable(value)
end

local function refuse_views(t)
  local refusal = readonly.refusal(t)
  if refusal then error(refusal, 3) end
end

local function sandbox_rawset(t, key, value)
  refuse_views(t)
  return rawset(t, key, value)
end

local function sandbox_setmetatable(t, metatable)
  refuse_views(t)
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
local shared_module = "a module is loaded once and shared by every chunk that requires it; "
  .. "copy what you want to change, or give the module a function that changes it"

-- What require hands out: a module's table as a read-only view, anything else as it is.
local function exported(name, value)
  return readonly.view(value, "module '" .. name .. "'", shared_module)
end

local function sandbox_require(name)
  if type(name) ~= "string" then
    error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2)
  end
  if name == "omneo" then return omneo_view end
  local value = loaded[name]
  if value == LOADING then error("module '" .. name .. "' requires itself (a require loop)", 2) end
  if value ~= nil then return exported(name, value) end
  local source, chunkname = host.find_module(name)
  if not source then error(chunkname, 2) end
  local chunk, err = rawload(source, chunkname, "t", new_env())
  if not chunk then error(err, 0) end
  loaded[name] = LOADING
  local unmark <close> = setmetatable({}, { __close = function(_, err) if err then loaded[name] = nil end end })
  local result = chunk(name)
  if result == nil then result = true end
  loaded[name] = result
  return exported(name, result)
end

local loaded_view = readonly.view(loaded, "package.loaded", shared_module)
local package_view = readonly.view({ loaded = loaded_view, path = host.search_path() }, "package",
  "require decides where modules come from, for every chunk of the run",
  function(key)
    local hint = package_hints[key]
    if hint then error("package." .. tostring(key) .. " is not available in recipes" .. hint, 3) end
  end)

local base = {}
for _, name in pairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen",
  "select", "tonumber", "tostring", "type", "_VERSION" }) do
  base[name] = _G[name]
end
copy({ getmetatable = sandbox_getmetatable, setmetatable = sandbox_setmetatable, rawset = sandbox_rawset, xpcall = sandbox_xpcall,
  collectgarbage = sandbox_collectgarbage, print = sandbox_print, require = sandbox_require }, base)

local coroutine_library = copy(coroutine)
-- Each environment gets a metatable of its own (getmetatable(_ENV) reaches no other chunk's globals).
local function refused_global(_, key)
  local hint = global_hints[key]
  if hint then error(tostring(key) .. " is not available in recipes" .. hint, 2) end
end

new_env = function()
  local env = copy(base)
  env.string = setmetatable(copy(string), refusing("string", string_hints))
  env.table, env.math, env.utf8 = copy(table), copy(math), copy(utf8)
  env.coroutine = copy(coroutine_library)
  env.os = setmetatable({ time = os.time, date = os.date, clock = os.clock }, refusing("os", os_hints))
  env.package = package_view
  env.omneo = omneo_view
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
  return setmetatable(env, { __index = refused_global })
end

-- Nothing of the trusted globals stays reachable by name.
for _, name in pairs({ "dofile", "loadfile", "load", "require", "collectgarbage" }) do _G[name] = nil end

return function(source, chunkname)
  local chunk, err = rawload(source, chunkname, "t", new_env())
  if not chunk then error(err, 0) end
  return chunk
end
