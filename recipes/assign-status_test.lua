-- assign-status.lua: the documented flow over data/vip-campaign.csv on the demo tenant.
local expect = omneo.test.expect
local args = { status = "partner", file = "data/vip-campaign.csv" }

omneo.test.case("requires its parameters", function()
  local r = omneo.test.run("assign-status.lua")
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("missing required parameter")
end)

omneo.test.case("adds the status to every address that names exactly one profile", function()
  local r = omneo.test.run("assign-status.lua", args)
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ added = 79, already_present = 1, not_found = 1, ambiguous = 1, invalid = 1, skipped = 1 })
  for _, row in ipairs(r.report) do
    if row.outcome == "added" or row.outcome == "already_present" then
      expect(omneo.test.profile(row.profile_id).statuses).to_contain("partner")
    end
    expect(row.detail).to_contain("row ")
  end
end)

omneo.test.case("a repeated row is skipped, naming the first", function()
  local r = omneo.test.run("assign-status.lua", args)
  local skipped = 0
  for _, row in ipairs(r.report) do
    if row.outcome == "skipped" then
      skipped = skipped + 1
      expect(row.detail).to_contain("duplicate of row")
    end
  end
  expect(skipped).to_be(1)
end)

omneo.test.case("a column that is not there is named", function()
  local r = omneo.test.run("assign-status.lua", { status = "partner", file = "data/vip-campaign.csv", column = "mail" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("has no 'mail' column")
end)
