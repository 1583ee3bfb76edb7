-- A CSV keyed by Shopify customer id gets a status: each id becomes the one profile that carries it as
-- its Shopify identity (never a guess), the status is added without touching the profile's others, and
-- every row is reported, the ids no profile has (or several have) included.
-- Run: omneo-run recipes/resolve-by-identity.lua --sandbox --arg status=vip --arg file=data/shopify-customers.csv
local p = omneo.params{
  status = { type = "string", required = true, description = "the status handle to add" },
  file = { type = "string", required = true, description = "CSV with a column of customer ids" },
  column = { type = "string", default = "Customer ID", description = "the column holding the ids" },
  identity = { type = "string", default = "shopify", description = "the identity handle the ids belong to" },
}
omneo.statuses.require(p.status)

local values, lines = {}, {}
for row, line in omneo.csv.rows(p.file, { columns = { p.column } }) do
  values[#values + 1] = row[p.column]
  lines[#values] = line
end
local r = omneo.profiles.resolve(values, { by = "identity:" .. p.identity })

local targets, seen = {}, {}
for _, row in ipairs(r.rows) do
  if row.outcome == "found" and not seen[row.id] then
    seen[row.id] = true
    targets[#targets + 1] = row.id
  end
end
local result = { failures = {} }
if #targets > 0 then
  local err
  result, err = omneo.profile_statuses.add(targets, { p.status }):wait(600)
  if result == nil then error(err, 0) end
end
local failed = {}
for _, f in ipairs(result.failures or {}) do failed[f.profile_id] = f.error end

local function holds(list, handle)
  for _, h in ipairs(list or {}) do if h == handle then return true end end
  return false
end

local counts = {}
for i, row in ipairs(r.rows) do
  local outcome, detail
  if row.outcome == "invalid" then
    outcome, detail = "invalid", "no customer id (" .. row.reason .. ")"
  elseif row.outcome == "missing" then
    outcome, detail = "not_found", ("no profile has %s id %s"):format(p.identity, row.identifier)
  elseif row.outcome == "ambiguous" then
    outcome, detail = "ambiguous", row.reason .. "; not guessed"
  elseif row.outcome == "duplicate" then
    outcome, detail = "skipped", "duplicate of row " .. lines[row.duplicate_of]
  elseif failed[row.id] then
    outcome, detail = "failed", failed[row.id]
  elseif omneo.dry_run then
    outcome = (result.already_present and result.already_present[row.id]) and "already_present" or "would_add"
  elseif r.statuses[row.id] == nil then
    outcome, detail = "ensured", "its id came from the lookup cache, so whether it already had the status was not read"
  else
    outcome = holds(r.statuses[row.id], p.status) and "already_present" or "added"
  end
  counts[outcome] = (counts[outcome] or 0) + 1
  omneo.report.row{
    row = lines[i], key = row.input:match("^%s*(.-)%s*$"), profile_id = row.id, outcome = outcome,
    change = (outcome == "added" or outcome == "would_add") and ("add " .. p.status) or nil,
    detail = detail and ("row " .. lines[i] .. ": " .. detail) or nil,
  }
end
omneo.log.info("resolved %d %s ids from %s: %d found, %d not found, %d ambiguous, %d invalid",
  #values, p.identity, p.file, #r.ids, #r.missing, #r.ambiguous, #r.invalid)
if #r.missing > 0 then omneo.log.warn("no profile has these %s ids: %s", p.identity, table.concat(r.missing, ", ")) end
