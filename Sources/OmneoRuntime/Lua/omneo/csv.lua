local omneo, host = ... -- glue(omneo, host) of omneo.csv: stream a CSV file's rows as tables keyed by the header row
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local setmetatable, type, error, pairs, ipairs, tostring, collectgarbage = setmetatable, type, error, pairs, ipairs, tostring, collectgarbage
local open, next_row, close, missing = host["omneo.csv.rows"], host.csv_next, host.csv_close, host.csv_missing
local csv = {}

-- Readers still open, by id, and the iterator of each (weakly: an iterator nobody refers to any more is
-- collected, and its reader is closed the next time a reader is wanted and none is free).
local open_ids, iterators = {}, setmetatable({}, { __mode = "k" })

local function release(id)
  if open_ids[id] then
    open_ids[id] = nil
    close(id)
  end
end

local function close_collected()
  local alive = {}
  for _, id in pairs(iterators) do alive[id] = true end
  local closed = false
  for id in pairs(open_ids) do
    if not alive[id] then
      release(id)
      closed = true
    end
  end
  return closed
end

local OPTIONS = { columns = true, optional = true, separator = true }
local SEPARATORS = { [","] = true, [";"] = true, ["\t"] = true, ["|"] = true }

local function names_of(opts, key)
  local list = opts[key]
  if list == nil then return {} end
  if type(list) ~= "table" then
    raise("bad argument #2 to 'omneo.csv.rows' (" .. key .. " must be a list of column names, got " .. type(list) .. ")")
  end
  for i, name in ipairs(list) do
    if type(name) ~= "string" then
      raise("bad argument #2 to 'omneo.csv.rows' (" .. key .. "[" .. i .. "] must be a column name, got " .. type(name) .. ")")
    end
  end
  return list
end

local function options(opts)
  if opts == nil then return {}, {}, nil end
  if type(opts) ~= "table" then raise("bad argument #2 to 'omneo.csv.rows' (table of options expected, got " .. type(opts) .. ")") end
  for key in pairs(opts) do
    if not OPTIONS[key] then
      raise("bad argument #2 to 'omneo.csv.rows' (unknown option '" .. tostring(key) .. "'; the options are columns, optional and separator)")
    end
  end
  local separator = opts.separator
  if separator ~= nil and not SEPARATORS[separator] then
    raise("bad argument #2 to 'omneo.csv.rows' (separator must be \",\", \";\", \"\\t\" or \"|\")")
  end
  return names_of(opts, "columns"), names_of(opts, "optional"), separator
end

-- The metatable of a file's rows: a column the file does not have raises at the line that asked for it,
-- naming the file's columns, unless the recipe declared it optional (then it reads nil).
local function strict_rows(path, header, optional, separator)
  local absent = {}
  for _, name in ipairs(optional) do absent[name] = true end
  return {
    __index = function(_, key)
      if absent[key] then return nil end
      raise(missing(path, header, key, separator))
    end,
    __metatable = false,
  }
end

local function check_path(path, name)
  if type(path) ~= "string" then
    raise("bad argument #1 to 'omneo.csv." .. name .. "' (string expected, got " .. type(path) .. ")")
  end
end

-- Opens a reader (closing collected ones when 64 are open); raises at the caller's caller's line.
local function opened(path, separator, columns)
  local id, header, kind = open(path, separator, columns)
  if kind == "busy" then
    if not close_collected() then
      collectgarbage("collect")
      close_collected()
    end
    id, header = open(path, separator, columns)
  end
  if not id then raise(header) end
  open_ids[id] = true
  return id, header
end

--- Iterates over the rows of a CSV file, one table per row keyed by the header row's names
--- (values are strings), with the row's line number as the second value. Streams: the file is
--- never loaded whole. Relative paths are looked up next to the recipe, then in the current
--- directory (`~/` is your home folder); only the recipe's folder, the current directory, --lib and
--- --allow-read folders and files named by --arg may be read. RFC 4180: quoted fields, doubled quotes,
--- newlines inside quotes, CRLF or bare CR line ends, a UTF-8 BOM. A reader closes at the end of its
--- loop, when the loop breaks, or once nothing refers to its iterator; a run holds at most 64 open at once.
--- Reading a column the file does not have raises, naming the file's columns (with a did-you-mean);
--- list the columns that may be absent in `optional` to read them as nil.
--- Options: columns = columns that must exist (raises at once, before any row, when one is missing);
--- optional = columns read as nil when the file has none; separator = "," (default), ";", "\t" or "|".
--- Raises "file.csv:LINE: ..." on a malformed row or a row whose field count differs.
--- Example:
---   for row, line in omneo.csv.rows("data/creators.csv", { columns = { "email" }, optional = { "phone" } }) do
---     if tonumber(row.followers) >= 10000 then ... end
---   end
---@param path string
---@param opts? {columns: string[], optional: string[], separator: string}
---@return fun(): table<string,string>, integer
function csv.rows(path, opts)
  check_path(path, "rows")
  local columns, optional, separator = options(opts)
  local id, header = opened(path, separator, columns)
  local meta = strict_rows(path, header, optional, separator)
  local function iterate()
    local row, line = next_row(id)
    if row == false then
      open_ids[id] = nil
      raise(line) -- at the recipe's line
    end
    if row == nil then
      open_ids[id] = nil
      return nil
    end
    return setmetatable(row, meta), line
  end
  iterators[iterate] = id
  -- The loop's closing value: its own metatable, hidden, so no chunk can make it close another's reader.
  return iterate, nil, nil, setmetatable({}, { __close = function() release(id) end, __metatable = false })
end

--- The column names of a CSV file's header row, in file order (the file is opened, its header read, and
--- closed). Same paths, rules and options as omneo.csv.rows; raises as it does.
--- Example: `local names = omneo.csv.columns("data/export.csv")  --> { "Email", "First Name", ... }`
---@param path string
---@param opts? {columns: string[], separator: string}
---@return string[]
function csv.columns(path, opts)
  check_path(path, "columns")
  local columns, _, separator = options(opts)
  local id, header = opened(path, separator, columns)
  release(id)
  return header
end

omneo.csv = csv
