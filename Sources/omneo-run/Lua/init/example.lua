-- example.lua: add a status to every customer of a CSV who spent at least min_spend, keeping each
-- profile's other statuses. Made by `omneo-run init`: change it to what you need.
--
-- Try it on a simulated tenant (no account needed):
--   omneo-run example.lua --sandbox --dry-run     look everything up, change nothing, print the plan
--   omneo-run example.lua --sandbox
-- Test it:   omneo-run test .
-- For real:  omneo-run example.lua --tenant NAME --arg file=my-list.csv --arg status=vip --dry-run
local p = omneo.params{
  file = { type = "string", default = "data/example.csv", description = "a CSV with email and spend columns" },
  status = { type = "string", default = "gold", description = "the status handle to add" },
  min_spend = { type = "number", default = 500, description = "add it to customers who spent at least this" },
}
local assign = require "omneo.assign"

-- One report row per input row: the report says what happened to each, and why.
local emails, below = {}, 0
for row, line in omneo.csv.rows(p.file) do
  local spend = tonumber(row.spend)
  if spend == nil then
    omneo.report.row(row.email, "invalid", ("row %d: spend '%s' is not a number"):format(line, row.spend))
  elseif spend >= p.min_spend then
    emails[#emails + 1] = row.email
  else
    below = below + 1
    omneo.report.row(row.email, "skipped", ("row %d: spent %s, under %s"):format(line, row.spend, p.min_spend))
  end
end
omneo.log.info("%d customers spent at least %s (%d below, not touched)", #emails, p.min_spend, below)

-- Checks the status exists, looks the emails up, skips unknown, ambiguous and repeated ones, adds the
-- status in batches and waits for them, with one report row per email.
assign(emails, p.status)
