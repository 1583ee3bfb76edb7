-- Create or update customers from a CSV, matched by email; every row ends created, updated, invalid or failed.
-- Run: omneo-run recipes/import-profiles.lua --sandbox [--arg file=data/customers.csv] [--dry-run]
-- Columns named like profile fields are sent (empty cells are left out, so they never blank a field);
-- other columns are ignored and named once in the log: custom_attributes would replace the profile's whole
-- list, and statuses are never touched (use omneo.profile_statuses for those).
local p = omneo.params{
  file = { type = "string", default = "data/customers.csv", description = "CSV with an email column and profile fields" },
}

local text_fields = {
  email = true, first_name = true, last_name = true, mobile_phone = true, secondary_phone = true, title = true,
  gender = true, profile_type = true, company = true, occupation = true, currency = true,
}
local number_fields = { birth_day = true, birth_month = true, birth_year = true }

local profiles, lines, ignored = {}, {}, {}
for row, line in omneo.csv.rows(p.file) do
  local fields = {}
  for column, value in pairs(row) do
    local cell = value:match("^%s*(.-)%s*$")
    if text_fields[column] or number_fields[column] then
      -- an empty cell is left out, so it keeps what the tenant holds; a non-number is reported by the field check
      if cell ~= "" then fields[column] = number_fields[column] and math.tointeger(tonumber(cell)) or cell end
    else
      ignored[column] = true
    end
  end
  profiles[#profiles + 1] = fields
  lines[#profiles] = line
end

local skipped = {}
for column in pairs(ignored) do skipped[#skipped + 1] = column end
table.sort(skipped)
if #skipped > 0 then omneo.log.warn("ignored columns (not profile fields): %s", table.concat(skipped, ", ")) end
if #profiles == 0 then
  omneo.log.info("%s has no rows", p.file)
  return
end

local result = omneo.profiles.upsert(profiles, { match = "email" }):wait()
for i, r in ipairs(result.rows) do
  local key = profiles[i].email or ("row " .. lines[i])
  local detail = r.error and ("row %d: %s"):format(lines[i], r.error) or nil
  omneo.report.row(key, r.outcome, detail, r.id)
end
if result.dry_run then
  omneo.log.info("%d rows: would create %d, would update %d, %d not importable", #profiles, result.would_create, result.would_update, result.failed)
else
  omneo.log.info("%d rows: %d created, %d updated, %d not imported", #profiles, #result.created, #result.updated, result.failed)
end
