--- omneo.assign: the documented bulk flow as one call. Validate the handle, resolve every email,
--- skip (and report) the missing, ambiguous, invalid and duplicate rows, write only what changes
--- through the additive batch endpoints, wait for the batches, and report one outcome per row.
local M = {}

local DEFAULTS = { column = "email", remove = false, chunk = 250, timeout = 600 }
local LISTS = { keys = true, lines = true }

local function options(opts)
  local o = {}
  for k, v in pairs(DEFAULTS) do o[k] = v end
  for k, v in pairs(opts or {}) do
    if DEFAULTS[k] == nil and not LISTS[k] then error("omneo.assign: unknown option '" .. tostring(k) .. "'", 3) end
    o[k] = v
  end
  return o
end

--- The email column of a CSV (row numbers kept for the report), or a list as given. A CSV without the
--- column raises at the recipe's line, naming the file's columns.
local function inputs(source, column)
  if type(source) == "table" then return source, nil end
  if type(source) ~= "string" then
    error("omneo.assign: source must be a list of emails or a CSV path, got " .. type(source), 3)
  end
  -- The reader's error already names the recipe's line (misuse is placed past the stdlib): it is raised
  -- again there with the function's name in front, its position said once.
  local ok, iterate, state, control, closing = pcall(omneo.csv.rows, source, { columns = { column } })
  if not ok then
    local message = type(iterate) == "string" and iterate:gsub("^[^\n]-:%d+: ", "", 1) or tostring(iterate)
    error("omneo.assign: " .. message, 3)
  end
  local list, lines = {}, {}
  for row, line in iterate, state, control, closing do
    list[#list + 1] = row[column]
    lines[#list] = line
  end
  return list, lines
end

local function trim(text)
  return type(text) == "string" and text:match("^%s*(.-)%s*$") or tostring(text or "")
end

local function plural(n, word)
  return n .. " " .. word .. (n == 1 and "" or "s")
end

--- Adds (or with `remove = true` removes) one status handle for every email of a list or CSV.
--- Returns the count of each outcome. Raises before anything is written if the handle is unknown.
--- Every found profile is sent in the batch, even one that already has the status: the batch is
--- additive, so re-sending is harmless, and a status removed since the run last looked comes back.
--- Outcomes per row: added / removed / already_present (read in this run: had it already) / skipped
--- (read in this run: did not have it, on remove; duplicate row) / ensured (its id came from the
--- lookup cache, so its statuses were not read: it has the status now, or, on remove, has it not)
--- / not_found / ambiguous / invalid / failed, or would_add / would_remove under --dry-run.
--- Report rows come in input order, each with its row (the CSV line, or `lines[i]`), key, email,
--- profile_id, outcome, change ("add vip" / "remove vip") and detail.
--- Example: `local assign = require "omneo.assign"; assign("data/vip.csv", "vip")`
--- Example: `assign({"a@example.com", "b@example.com"}, "staff", {remove = true})`
---@param source string|string[]  a CSV path (relative to the recipe) or a list of emails
---@param handle string           the status handle
---@param opts? {column: string, remove: boolean, chunk: integer, timeout: number, keys: string[], lines: integer[]}
---   column: the CSV column holding emails (default "email"); keys: report keys per row (default the address as given, trimmed);
---   lines: the input line of each list item (a list built from a CSV), for the report's row column
---@return table<string, integer> counts
function M.assign(source, handle, opts)
  local o = options(opts)
  if type(handle) ~= "string" then error("omneo.assign: handle must be a string, got " .. type(handle), 2) end
  local list, lines = inputs(source, o.column)
  lines = lines or o.lines
  local where = type(source) == "string" and source or "the list"
  -- Resolve and write at once: each chunk of found profiles goes out while the rest are looked up. The
  -- handle is checked by the write itself, alongside its first reads: an unknown one raises here before
  -- anything is written.
  local by_email = o.remove and omneo.profile_statuses.remove_by_email or omneo.profile_statuses.add_by_email
  local r, job = by_email(list, { handle }, { chunk = o.chunk })
  if r == nil then error(job, 2) end
  local status = omneo.statuses.get(handle) -- known by now: no request
  omneo.log.info("status '%s' (%s) exists", handle, status.name)
  -- Counted by row, so they add up to the rows read: a repeated address is a row too.
  local kinds = {}
  for _, row in ipairs(r.rows) do kinds[row.outcome] = (kinds[row.outcome] or 0) + 1 end
  omneo.log.info("resolved %d emails from %s: %d found, %d not found, %d ambiguous, %d invalid, %s%s",
    #list, where, kinds.found or 0, kinds.missing or 0, kinds.ambiguous or 0, kinds.invalid or 0,
    plural(kinds.duplicate or 0, "duplicate"),
    r.from_cache > 0 and (" (" .. r.from_cache .. " from the lookup cache)") or "")

  -- Each row's outcome, reported in input order once all are known.
  local counts, targets, pending, decided = {}, {}, {}, {}
  local change = (o.remove and "remove " or "add ") .. handle
  local function outcome(i, what, detail, id)
    decided[i] = { what = what, detail = detail, id = id }
    counts[what] = (counts[what] or 0) + 1
  end
  local function report_rows()
    for i = 1, #r.rows do
      local d = decided[i]
      if d then
        local row = r.rows[i]
        local detail = d.detail
        if lines and lines[i] and detail then detail = "row " .. lines[i] .. ": " .. detail end
        local changed = d.what == "added" or d.what == "removed" or d.what == "would_add" or d.what == "would_remove"
        omneo.report.row{
          row = lines and lines[i], key = (o.keys and o.keys[i]) or trim(row.input),
          email = row.outcome ~= "invalid" and row.email or nil, profile_id = d.id, outcome = d.what,
          change = changed and change or nil, detail = detail,
        }
      end
    end
  end
  local function contains(list, wanted)
    for _, h in ipairs(list or {}) do if h == wanted then return true end end
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
    else
      if not pending[row.id] then targets[#targets + 1] = row.id end
      pending[row.id] = pending[row.id] or {}
      table.insert(pending[row.id], i)
    end
  end

  if #targets == 0 then
    omneo.log.info("nothing to %s: no email named a profile", o.remove and "remove" or "add")
    report_rows()
    return counts
  end
  if omneo.dry_run then
    omneo.log.info("dry run: would send '%s' %s %d profiles", handle, o.remove and "removal for" or "to", #targets)
  else
    omneo.log.info("queued %d batch%s for %d profiles; waiting", #job.batch_ids, #job.batch_ids == 1 and "" or "es", #targets)
  end
  local result, wait_error = job:wait(o.timeout)
  if result == nil then
    report_rows() -- the rows already known; the others are reported by `omneo-run resume`
    error(wait_error, 2)
  end
  local failed = {}
  for _, f in ipairs(result.failures) do failed[f.profile_id] = f.error end
  -- What each profile held before: this run's read, or in a dry run the plan's (which reads the rest).
  local function held(id)
    if omneo.dry_run then
      local as_wanted = o.remove and result.not_present or result.already_present
      local had = contains(as_wanted and as_wanted[id], handle) ~= o.remove
      return had
    end
    if r.statuses[id] == nil then return nil end
    return contains(r.statuses[id], handle)
  end
  local changed = o.remove and (omneo.dry_run and "would_remove" or "removed") or (omneo.dry_run and "would_add" or "added")
  local as_was = o.remove and "skipped" or "already_present"
  local as_was_detail = o.remove and ("did not have '" .. handle .. "'") or nil
  local ensured_detail = (o.remove and "does not have '" or "has '") .. handle
    .. "' now; its id came from the lookup cache, so whether it " .. (o.remove and "had" or "already had")
    .. " it was not read (--cache-ttl 0 reads it)"
  local done, changing = 0, 0
  for _, id in ipairs(targets) do
    local had = held(id)
    for _, i in ipairs(pending[id]) do
      if failed[id] then
        outcome(i, "failed", failed[id], id)
      elseif had == nil then
        outcome(i, "ensured", ensured_detail, id)
      elseif had ~= o.remove then
        outcome(i, as_was, as_was_detail, id)
      else
        outcome(i, changed, nil, id)
      end
    end
    if not failed[id] then done = done + 1 end
    if had == o.remove then changing = changing + 1 end
  end
  report_rows()
  if omneo.dry_run then
    omneo.log.info("dry run: %d profiles would %s '%s' (%d already %s); nothing was sent", changing,
      o.remove and "lose" or "get", handle, #targets - changing, o.remove and "without it" or "have it")
  else
    omneo.log.info("done: %d profiles %s '%s', %d failed", done, o.remove and "without" or "with", handle, result.failed)
  end
  return counts
end

return setmetatable(M, { __call = function(_, ...) return M.assign(...) end })
