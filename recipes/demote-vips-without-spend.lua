-- Bespoke logic over every VIP: demote those whose lifetime spend is missing or under a floor.
-- Run: omneo-run recipes/demote-vips-without-spend.lua --sandbox [--arg min_spend=100] [--dry-run]
local p = omneo.params{
  min_spend = { type = "number", default = 0, description = "demote VIPs whose lifetime spend is below this" },
}
omneo.statuses.require("vip")

-- Through the helper, not a walk of the list: tenants send custom_attributes as a list or keyed by namespace.
local function lifetime_spend(profile)
  return tonumber(omneo.profiles.attribute(profile, "loyalty", "lifetime_spend"))
end

local demote, email_of, why, kept = {}, {}, {}, 0
for profile in omneo.profiles.each{ ["statuses.handle"] = "vip" } do
  local spend = lifetime_spend(profile)
  if spend == nil or spend < p.min_spend then
    demote[#demote + 1] = profile.id
    email_of[profile.id] = profile.email
    why[profile.id] = spend and ("lifetime spend %s is under %s"):format(spend, p.min_spend) or "no lifetime spend on record"
  else
    kept = kept + 1
  end
end
omneo.log.info("%d VIPs keep the status, %d have no spend on record (or under %s)", kept, #demote, p.min_spend)
if #demote == 0 then return end

local job = omneo.profile_statuses.remove(demote, { "vip" })
local result = job:wait()
local failed = {}
for _, f in ipairs(result.failures or {}) do failed[f.profile_id] = f.error end
local demoted = 0
for _, id in ipairs(demote) do
  local row = { key = id, email = email_of[id], profile_id = id }
  if failed[id] then
    row.outcome, row.detail = "failed", failed[id]
  else
    row.outcome, row.change, row.detail = omneo.dry_run and "would_remove" or "removed", "remove vip", why[id]
    demoted = demoted + 1
  end
  omneo.report.row(row)
end
if omneo.dry_run then
  omneo.log.info("dry run: would demote %d; nothing was sent", demoted)
else
  omneo.log.info("demoted %d, %d failed", result.succeeded, result.failed)
end
