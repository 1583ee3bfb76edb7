-- Read-only views (loaded by RecipeSandbox before the prelude, with the real globals): how the sandbox
-- lets every chunk of a run share one table (the omneo API, package.loaded, a module, the string library
-- behind string methods) without letting any of them change it for the others.
--
-- A view is an empty table whose metatable reads through to the table it shows: `.`, `[]`, `pairs`,
-- `ipairs`, `#` and a call behave as on the table itself, a table reached through a view is a view too,
-- and every write raises at the writer's line, naming what is read-only and why. Lua has no read-only
-- tables (a plain assignment to an existing key runs no metamethod), so the shown table itself is never
-- handed out. The prelude makes its rawset and setmetatable refuse views; LuaStack converts a view to
-- Swift as the table it shows (the `__viewof` field, below).
local setmetatable, getmetatable, rawget, rawset, type, next, tostring, error = setmetatable, getmetatable, rawget, rawset, type, next, tostring, error
local format = string.format

-- The metatable field LuaStack.table(at:) follows (LuaStack.viewField): a view converts as what it shows.
local VIEW_OF = "__viewof"

local view_of = setmetatable({}, { __mode = "k" })     -- shown table -> its one view
local refusal = setmetatable({}, { __mode = "k" })     -- view -> what a write to it raises

local M = {}

local function member(name, key)
  if type(key) == "string" and key:find("^[%a_][%w_]*$") then return name .. "." .. key end
  return name .. "[" .. (type(key) == "string" and format("%q", key) or tostring(key)) .. "]"
end

-- Builds the view of `shown`; `settled` views cache what they read (see M.settled).
local function build(shown, name, why, missing, settled)
  local existing = view_of[shown]
  if existing then return existing end
  local view, read_only = {}, name .. " is read-only in recipes (" .. why .. ")"
  local function through(key, value)
    if type(value) ~= "table" or refusal[value] then return value end
    return view_of[value] or build(value, member(name, key), why, nil, settled)
  end
  local function read(_, key)
    local value = shown[key]
    if value == nil and missing then missing(key) end
    return through(key, value)
  end
  local meta = {
    __newindex = function(_, key) error("cannot set " .. member(name, key) .. ": " .. read_only, 2) end,
    __len = function() return #shown end,
    __pairs = function()
      return function(_, key)
        local k, v = next(shown, key)
        return k, through(k, v)
      end, view, nil
    end,
    __metatable = false,
    [VIEW_OF] = shown,
  }
  if settled then
    -- A table index is looked up by the VM itself, no call: a read costs about what a plain table's does.
    local cache = setmetatable({}, { __index = function(cache, key)
      local value = read(nil, key)
      if value ~= nil then rawset(cache, key, value) end
      return value
    end })
    meta.__index = cache
  else
    meta.__index = read
  end
  local shown_meta = getmetatable(shown)
  if type(shown_meta) == "table" and rawget(shown_meta, "__call") ~= nil then
    meta.__call = function(_, ...) return shown(...) end
  end
  view_of[shown] = view
  refusal[view] = read_only
  return setmetatable(view, meta)
end

--- The view of table `shown`, or `shown` itself when it is not a table or already a view. Reads go to
--- `shown` as it is at the time. `name` is how messages call it ("module 'omneo.emails'"), `why` says why
--- it is shared; `missing(key)`, when given, is called for a key the table does not have (to raise a
--- hint at level 3, the reader's line).
function M.view(shown, name, why, missing)
  if type(shown) ~= "table" or refusal[shown] then return shown end
  return build(shown, name, why, missing, false)
end

--- Like M.view, for a table that no longer changes (the omneo API and the string library, once built):
--- each value read is kept, so reading through the view is about as fast as reading the table.
function M.settled(shown, name, why)
  if type(shown) ~= "table" or refusal[shown] then return shown end
  return build(shown, name, why, nil, true)
end

--- The message a write to `t` raises, when `t` is a view; nil for any other value.
function M.refusal(t) return refusal[t] end

return M
