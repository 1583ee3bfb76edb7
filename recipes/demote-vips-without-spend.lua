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

local demote, kept = {}, 0
for profile in omneo.profiles.each{ ["statuses.handle"] = "vip" } do
  local spend = lifetime_spend(profile)
  if spend == nil or spend < p.min_spend then
    demote[#demote + 1] = profile.id
  else
    kept = kept + 1
  end
end
omneo.log.info("%d VIPs keep the status, %d have no spend on record (or under %s)", kept, #demote, p.min_spend)
if #demote == 0 then return end

local job = omneo.profile_statuses.remove(demote, { "vip" })
local result = job:wait()
local failed = {}
for _, f in ipairs(result.failures) do failed[f.profile_id] = f.error end
for _, id in ipairs(demote) do
  if failed[id] then
    omneo.report.row(id, "failed", failed[id], id)
  else
    omneo.report.row(id, omneo.dry_run and "would_remove" or "removed", "no lifetime spend on record", id)
  end
end
omneo.log.info("demoted %d, %d failed", result.succeeded, result.failed)
