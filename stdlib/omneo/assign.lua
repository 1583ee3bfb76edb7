--- omneo.assign: the documented bulk flow as one call. Validate the handle, resolve every email,
--- skip (and report) the missing, ambiguous, invalid and duplicate rows, write only what changes
--- through the additive batch endpoints, wait for the batches, and report one outcome per row.
local M = {}

local DEFAULTS = { column = "email", remove = false, chunk = 250, timeout = 600 }

local function options(opts)
  local o = {}
  for k, v in pairs(DEFAULTS) do o[k] = v end
  for k, v in pairs(opts or {}) do
    if DEFAULTS[k] == nil and k ~= "keys" then error("omneo.assign: unknown option '" .. tostring(k) .. "'", 3) end
    o[k] = v
  end
  return o
end

--- The email column of a CSV (row numbers kept for the report), or a list as given.
local function inputs(source, column)
  if type(source) == "table" then return source, nil end
  if type(source) ~= "string" then
    error("omneo.assign: source must be a list of emails or a CSV path, got " .. type(source), 3)
  end
  local list, lines = {}, {}
  for row, line in omneo.csv.rows(source) do
    if row[column] == nil and #list == 0 then
      error(("omneo.assign: %s has no '%s' column"):format(source, column), 3)
    end
    list[#list + 1] = row[column] or ""
    lines[#list] = line
  end
  return list, lines
end

--- Adds (or with `remove = true` removes) one status handle for every email of a list or CSV.
--- Returns the count of each outcome. Raises before anything is sent if the handle is unknown.
--- Outcomes per row: added / removed / already_present / skipped (has it not, on remove; duplicate row)
--- / not_found / ambiguous / invalid / failed, or would_add / would_remove under --dry-run.
--- Example: `local assign = require "omneo.assign"; assign("data/vip.csv", "vip")`
--- Example: `assign({"a@example.com", "b@example.com"}, "staff", {remove = true})`
---@param source string|string[]  a CSV path (relative to the recipe) or a list of emails
---@param handle string           the status handle
---@param opts? {column: string, remove: boolean, chunk: integer, timeout: number, keys: string[]}
---   column: the CSV column holding emails (default "email"); keys: report keys per row (default the email)
---@return table<string, integer> counts
function M.assign(source, handle, opts)
  local o = options(opts)
  if type(handle) ~= "string" then error("omneo.assign: handle must be a string, got " .. type(handle), 2) end
  local status, err = omneo.statuses.get(handle)
  if status == nil then error(err, 2) end
  omneo.log.info("status '%s' (%s) exists", handle, status.name)

  local list, lines = inputs(source, o.column)
  local where = type(source) == "string" and source or "the list"
  local r = assert(omneo.profiles.resolve(list))
  omneo.log.info("resolved %d emails from %s: %d found, %d not found, %d ambiguous, %d invalid",
    #list, where, #r.ids, #r.missing, #r.ambiguous, #r.invalid)

  local counts, targets, pending = {}, {}, {}
  local function outcome(i, what, detail, id)
    local row = r.rows[i]
    local key = (o.keys and o.keys[i]) or (row.email ~= "" and row.email) or row.input
    if lines then detail = detail and ("row " .. lines[i] .. ": " .. detail) or ("row " .. lines[i]) end
    omneo.report.row(key, what, detail, id)
    counts[what] = (counts[what] or 0) + 1
  end
  local function holds(id)
    for _, h in ipairs(r.statuses[id] or {}) do if h == handle then return true end end
    return false
  end

  for i, row in ipairs(r.rows) do
    if row.outcome == "invalid" then
      outcome(i, "invalid", row.reason)
    elseif row.outcome == "missing" then
      outcome(i, "not_found", "no profile has this email")
    elseif row.outcome == "ambiguous" then
      outcome(i, "ambiguous", row.reason .. "; not guessed")
    elseif row.outcome == "duplicate" then
      outcome(i, "skipped", "duplicate of row " .. (lines and lines[row.duplicate_of] or row.duplicate_of), row.id)
    elseif holds(row.id) ~= o.remove then
      outcome(i, o.remove and "skipped" or "already_present", o.remove and ("does not have '" .. handle .. "'") or nil, row.id)
    else
      if not pending[row.id] then targets[#targets + 1] = row.id end
      pending[row.id] = pending[row.id] or {}
      table.insert(pending[row.id], i)
    end
  end

  if #targets == 0 then
    omneo.log.info("nothing to %s: no profile needs '%s' %s", o.remove and "remove" or "add", handle, o.remove and "removed" or "added")
    return counts
  end
  local write = o.remove and omneo.profile_statuses.remove or omneo.profile_statuses.add
  local job = assert(write(targets, { handle }, { chunk = o.chunk }))
  if omneo.dry_run then
    omneo.log.info("dry run: would %s '%s' %s %d profiles", o.remove and "remove" or "add", handle, o.remove and "from" or "to", #targets)
  else
    omneo.log.info("queued %d batch%s for %d profiles; waiting", #job.batch_ids, #job.batch_ids == 1 and "" or "es", #targets)
  end
  local result = assert(job:wait(o.timeout))
  local failed = {}
  for _, f in ipairs(result.failures) do failed[f.profile_id] = f.error end
  local done = o.remove and (omneo.dry_run and "would_remove" or "removed") or (omneo.dry_run and "would_add" or "added")
  for _, id in ipairs(targets) do
    for _, i in ipairs(pending[id]) do
      if failed[id] then outcome(i, "failed", failed[id], id) else outcome(i, done, nil, id) end
    end
  end
  omneo.log.info("done: %d %s, %d failed", result.succeeded, done, result.failed)
  return counts
end

return setmetatable(M, { __call = function(_, ...) return M.assign(...) end })
