local omneo, host = ... -- glue(omneo, host) of omneo.csv: stream a CSV file's rows as tables keyed by the header row
local setmetatable, type, error = setmetatable, type, error
local open, next_row, close = host["omneo.csv.rows"], host.csv_next, host.csv_close
local csv = {}

--- Iterates over the rows of a CSV file, one table per row keyed by the header row's names
--- (values are strings), with the row's line number as the second value. Streams: the file is
--- never loaded whole. Relative paths are looked up next to the recipe, then in the current
--- directory; only the recipe's folder, the current directory and --lib folders may be read.
--- RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF, a UTF-8 BOM.
--- Raises "file.csv:LINE: ..." on a malformed row or a row whose field count differs.
--- Example:
---   for row, line in omneo.csv.rows("data/creators.csv") do
---     if tonumber(row.followers) >= 10000 then ... end
---   end
---@param path string
---@return fun(): table<string,string>, integer
function csv.rows(path)
  if type(path) ~= "string" then
    error("bad argument #1 to 'omneo.csv.rows' (string expected, got " .. type(path) .. ")", 2)
  end
  local id, err = open(path)
  if not id then error(err, 2) end
  local closer = setmetatable({}, { __close = function() close(id) end })
  -- The host function is the iterator itself, so its errors point at the recipe's `for` line.
  return next_row, id, nil, closer
end

omneo.csv = csv
