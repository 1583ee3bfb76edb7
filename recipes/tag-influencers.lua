-- Tag every creator with at least min_followers followers as `influencer`, keeping their other statuses.
-- Run: omneo-run recipes/tag-influencers.lua --sandbox [--arg min_followers=20000] [--dry-run]
local p = omneo.params{
  file = { type = "string", default = "data/creators.csv", description = "CSV with email and followers columns" },
  min_followers = { type = "number", default = 10000, description = "tag creators at or over this" },
  status = { type = "string", default = "influencer", description = "the status handle to add" },
}
local assign = require "omneo.assign"

local emails, keys, below = {}, {}, 0
for row, line in omneo.csv.rows(p.file) do
  local followers = tonumber(row.followers)
  if followers == nil then
    omneo.report.row(row.email, "invalid", ("row %d: followers '%s' is not a number"):format(line, row.followers))
  elseif followers >= p.min_followers then
    emails[#emails + 1] = row.email
  else
    below = below + 1
  end
end
omneo.log.info("%d creators at or over %d followers (%d below, not touched)", #emails, p.min_followers, below)
assign(emails, p.status)
