local omneo, host = ... -- glue(omneo, host) of omneo.csv: stream a CSV file's rows as tables keyed by the header row
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local setmetatable, type, error, pairs, collectgarbage = setmetatable, type, error, pairs, collectgarbage
local open, next_row, close = host["omneo.csv.rows"], host.csv_next, host.csv_close
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

--- Iterates over the rows of a CSV file, one table per row keyed by the header row's names
--- (values are strings), with the row's line number as the second value. Streams: the file is
--- never loaded whole. Relative paths are looked up next to the recipe, then in the current
--- directory; only the recipe's folder, the current directory, --lib and --allow-read folders and
--- files named by --arg may be read. RFC 4180: quoted fields, doubled quotes, newlines inside quotes,
--- CRLF, a UTF-8 BOM. A reader closes at the end of its loop, when the loop breaks, or once nothing
--- refers to its iterator; a run holds at most 64 open at once.
--- Raises "file.csv:LINE: ..." on a malformed row or a row whose field count differs.
--- Example:
---   for row, line in omneo.csv.rows("data/creators.csv") do
---     if tonumber(row.followers) >= 10000 then ... end
---   end
---@param path string
---@return fun(): table<string,string>, integer
function csv.rows(path)
  if type(path) ~= "string" then
    raise("bad argument #1 to 'omneo.csv.rows' (string expected, got " .. type(path) .. ")")
  end
  local id, err, kind = open(path)
  if kind == "busy" then
    if not close_collected() then
      collectgarbage("collect")
      close_collected()
    end
    id, err = open(path)
  end
  if not id then raise(err) end
  open_ids[id] = true
  local function iterate()
    local row, line = next_row(id)
    if row == false then
      open_ids[id] = nil
      raise(line) -- at the `for` line that asked for the row
    end
    if row == nil then open_ids[id] = nil end
    return row, line
  end
  iterators[iterate] = id
  -- The loop's closing value: its own metatable, hidden, so no chunk can make it close another's reader.
  return iterate, nil, nil, setmetatable({}, { __close = function() release(id) end, __metatable = false })
end

omneo.csv = csv
