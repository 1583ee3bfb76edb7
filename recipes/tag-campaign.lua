-- Tag every customer of a CSV of emails with a campaign tag, keeping the tags they already have.
-- Run: omneo-run recipes/tag-campaign.lua --sandbox --arg tag=christmas-campaign-2024 [--arg file=...] [--dry-run]
-- Every row of the file gets a report row: added, already_present, or why not (not_found, ambiguous,
-- invalid, skipped for a repeated address, conflict or failed).
local p = omneo.params{
  tag = { type = "string", required = true, description = "the campaign tag to add (spaces become hyphens, as the tenant keeps it)" },
  file = { type = "string", default = "data/christmas-customers.csv", description = "CSV whose email column holds the addresses" },
  column = { type = "string", default = "email", description = "the column holding the addresses" },
}

local emails, lines = {}, {}
for row, line in omneo.csv.rows(p.file, { columns = { p.column } }) do
  emails[#emails + 1] = row[p.column]
  lines[#emails] = line
end

local r = assert(omneo.profiles.resolve(emails))
local ids, seen = {}, {}
for _, row in ipairs(r.rows) do
  if row.outcome == "found" and not seen[row.id] then
    seen[row.id] = true
    ids[#ids + 1] = row.id
  end
end
omneo.log.info("%d addresses from %s name %d profiles", #emails, p.file, #ids)

local tagged = #ids > 0 and assert(omneo.profile_tags.add(ids, p.tag)) or { by_id = {}, tags = { p.tag } }
local tag = tagged.tags[1]

for i, row in ipairs(r.rows) do
  local report = { row = lines[i], key = row.input, email = row.outcome ~= "invalid" and row.email or nil, profile_id = row.id }
  local why
  if row.outcome == "invalid" then
    report.outcome, why = "invalid", row.reason
  elseif row.outcome == "missing" then
    report.outcome, why = "not_found", "no profile has this email"
  elseif row.outcome == "ambiguous" then
    report.outcome, why = "ambiguous", row.reason .. "; not guessed"
  elseif row.outcome == "duplicate" then
    report.outcome, why = "skipped", "duplicate of row " .. lines[row.duplicate_of]
  else
    local e = tagged.by_id[row.id]
    report.outcome, why = e.outcome, e.error
    if e.outcome == "added" or e.outcome == "would_add" then report.change = "add " .. tag end
  end
  report.detail = why and ("row " .. lines[i] .. ": " .. why) or nil
  omneo.report.row(report)
end

local counts = tagged.counts or {}
if omneo.dry_run then
  omneo.log.info("dry run: %d profiles would get '%s' (%d have it already); nothing was sent",
    counts.would_add or 0, tag, counts.already_present or 0)
else
  omneo.log.info("done: '%s' added to %d profiles, %d had it already, %d not written",
    tag, counts.added or 0, counts.already_present or 0, (counts.conflict or 0) + (counts.failed or 0))
end
