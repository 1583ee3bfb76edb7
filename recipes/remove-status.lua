-- The reverse flow: detach one status from every email of a CSV; every other status stays.
-- Run: omneo-run recipes/remove-status.lua --sandbox --arg status=vip --arg file=data/vip-campaign.csv
local p = omneo.params{
  status = { type = "string", required = true, description = "the status handle to remove" },
  file = { type = "string", required = true, description = "CSV whose email column holds the addresses" },
  column = { type = "string", default = "email", description = "the column holding the addresses" },
}
local assign = require "omneo.assign"
assign(p.file, p.status, { column = p.column, remove = true })
