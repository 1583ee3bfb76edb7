-- Tag every creator with at least min_followers followers as `influencer`, keeping their other statuses.
-- Run: omneo-run recipes/tag-influencers.lua --sandbox [--arg min_followers=20000] [--dry-run]
-- Every row of the file gets a report row: tagged (or why not), and `skipped` for those under the threshold.
local p = omneo.params{
  file = { type = "string", default = "data/creators.csv", description = "CSV with email and followers columns" },
  min_followers = { type = "number", default = 10000, description = "tag creators at or over this" },
  status = { type = "string", default = "influencer", description = "the status handle to add" },
}
local assign = require "omneo.assign"
local addresses = require "omneo.emails"

local emails, lines, below = {}, {}, 0
for row, line in omneo.csv.rows(p.file, { columns = { "email", "followers" } }) do
  local followers = tonumber(row.followers)
  local email = addresses.normalise(row.email)
  email = addresses.is_valid(email) and email or nil
  if followers == nil then
    omneo.report.row{ row = line, key = row.email, email = email, outcome = "invalid",
      detail = ("row %d: followers '%s' is not a number"):format(line, row.followers) }
  elseif followers >= p.min_followers then
    emails[#emails + 1] = row.email
    lines[#emails] = line
  else
    below = below + 1
    omneo.report.row{ row = line, key = row.email, email = email, outcome = "skipped",
      detail = ("row %d: %s followers, under %s"):format(line, row.followers, p.min_followers) }
  end
end
omneo.log.info("%d creators at or over %d followers (%d below, not touched)", #emails, p.min_followers, below)
assign(emails, p.status, { lines = lines })
