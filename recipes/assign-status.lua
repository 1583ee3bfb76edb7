-- The documented bulk flow: add one status to every email of a CSV, keeping their other statuses.
-- Run: omneo-run recipes/assign-status.lua --sandbox --arg status=vip --arg file=data/vip-campaign.csv
local p = omneo.params{
  status = { type = "string", required = true, description = "the status handle to add" },
  file = { type = "string", required = true, description = "CSV whose email column holds the addresses" },
  column = { type = "string", default = "email", description = "the column holding the addresses" },
}
local assign = require "omneo.assign"
assign(p.file, p.status, { column = p.column })
