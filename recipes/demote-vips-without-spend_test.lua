-- demote-vips-without-spend.lua: bespoke logic over omneo.profiles.each.
local expect = omneo.test.expect

local function spend(value)
  return { { namespace = "loyalty", handle = "lifetime_spend", type = "decimal", value = value } }
end

omneo.test.case("demotes VIPs without spend, keeps the others and every other status", function()
  local profiles = {}
  for i = 1, 230 do  -- more than two pages of VIPs
    profiles[i] = { id = "v" .. i, email = "v" .. i .. "@example.com", statuses = { "vip", "staff" },
                    custom_attributes = i % 3 == 0 and {} or spend("250.00") }
  end
  profiles[#profiles + 1] = { id = "plain", email = "plain@example.com", statuses = { "staff" } }
  omneo.test.tenant{ statuses = { "vip", "staff" }, profiles = profiles }
  local r = omneo.test.run("demote-vips-without-spend.lua")
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ removed = 76 })
  expect(omneo.test.profile("v3").statuses).to_be({ "staff" })
  expect(omneo.test.profile("v1").statuses).to_be({ "vip", "staff" })
  expect(omneo.test.profile("plain").statuses).to_be({ "staff" })
end)

omneo.test.case("a floor demotes those under it too", function()
  omneo.test.tenant{ statuses = { "vip" }, profiles = {
    { id = "a", email = "a@example.com", statuses = { "vip" }, custom_attributes = spend("50.00") },
    { id = "b", email = "b@example.com", statuses = { "vip" }, custom_attributes = spend("500.00") },
  } }
  local r = omneo.test.run("demote-vips-without-spend.lua", { min_spend = 100 }, { dry_run = true })
  expect(r.outcomes).to_be({ would_remove = 1 })
  expect(omneo.test.profile("a").statuses).to_be({ "vip" })
end)

omneo.test.case("reads the spend whichever shape the tenant holds custom_attributes in", function()
  omneo.test.tenant{ statuses = { "vip" }, profiles = {
    { id = "keyed", email = "k@example.com", statuses = { "vip" }, custom_attributes = { loyalty = { lifetime_spend = "500.00" } } },
    { id = "listed", email = "l@example.com", statuses = { "vip" }, custom_attributes = spend("500.00") },
    { id = "other", email = "o@example.com", statuses = { "vip" }, custom_attributes = { social = { followers = "10" } } },
  } }
  local r = omneo.test.run("demote-vips-without-spend.lua", { min_spend = 100 })
  expect(r.outcomes).to_be({ removed = 1 })
  expect(omneo.test.profile("keyed").statuses).to_be({ "vip" })
  expect(omneo.test.profile("listed").statuses).to_be({ "vip" })
  expect(omneo.test.profile("other").statuses).to_be({})
  expect(omneo.test.profile("keyed").custom_attributes).to_be({ loyalty = { lifetime_spend = "500.00" } })
end)
