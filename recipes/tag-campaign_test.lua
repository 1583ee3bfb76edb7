-- tag-campaign.lua: adds one campaign tag to every customer of a CSV and keeps their other tags.
local expect = omneo.test.expect

local function tenant()
  omneo.test.tenant{
    statuses = { "vip" },
    profiles = {
      { id = "p1", email = "ann@example.com", tags = { "newsletter" } },
      { id = "p2", email = "bob@example.com" },
      { id = "p3", email = "cy@example.com", tags = { "christmas-campaign-2024", "vip-2023" } },
      { id = "p4", email = "twin@example.com" },
      { id = "p5", email = "TWIN@example.com" },
    },
  }
end
local args = { tag = "christmas-campaign-2024", file = "data/tag-campaign_test.csv" }

omneo.test.case("requires the tag", function()
  local r = omneo.test.run("tag-campaign.lua")
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("missing required parameter")
end)

omneo.test.case("adds the tag to every address that names one profile, keeping the other tags", function()
  tenant()
  local r = omneo.test.run("tag-campaign.lua", args)
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ added = 2, already_present = 1, not_found = 1, invalid = 1, ambiguous = 1, skipped = 1 })
  expect(omneo.test.profile("p1").tags).to_be({ "newsletter", "christmas-campaign-2024" })
  expect(omneo.test.profile("p2").tags).to_be({ "christmas-campaign-2024" })
  expect(omneo.test.profile("p3").tags).to_be({ "christmas-campaign-2024", "vip-2023" })
  expect(omneo.test.profile("p4").tags).to_be({})
  for _, row in ipairs(r.report) do
    expect(row.row).to_be(row.row:match("^%d+$"))
    if row.outcome == "added" then expect(row.change).to_be("add christmas-campaign-2024") end
    if row.detail ~= "" then expect(row.detail).to_contain("row " .. row.row .. ": ") end
  end
end)

omneo.test.case("sends one PUT a changed profile and no other write", function()
  tenant()
  omneo.test.run("tag-campaign.lua", args)
  local puts = 0
  for _, request in ipairs(omneo.test.requests()) do
    if request.write then
      expect(request.method).to_be("PUT")
      puts = puts + 1
    end
  end
  expect(puts).to_be(2)
end)

omneo.test.case("a tag with spaces is sent as the tenant keeps it, with a warning", function()
  tenant()
  local r = omneo.test.run("tag-campaign.lua", { tag = "christmas campaign", file = "data/tag-campaign_test.csv" })
  expect(r.ok).to_be(true)
  expect(omneo.test.profile("p2").tags).to_be({ "christmas-campaign" })
  local warned = false
  for _, line in ipairs(r.log) do
    warned = warned or line:find("tag 'christmas campaign' is sent as 'christmas-campaign'", 1, true) ~= nil
  end
  expect(warned).to_be(true)
end)

omneo.test.case("a dry run reads, plans and sends nothing", function()
  tenant()
  local r = omneo.test.run("tag-campaign.lua", args, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes.would_add).to_be(2)
  for _, request in ipairs(omneo.test.requests()) do expect(request.write).to_be(false) end
  expect(omneo.test.profile("p2").tags).to_be({})
end)
