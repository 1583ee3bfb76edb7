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
    expect(row.row).to_be(row.row:match("^%d+$"))  -- every row names its line in the file
    if row.detail ~= "" then expect(row.detail).to_contain("row " .. row.row .. ": ") end
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

omneo.test.case("a column that is not there is named, with the file's columns, at the recipe's line", function()
  local r = omneo.test.run("assign-status.lua", { status = "partner", file = "data/vip-campaign.csv", column = "mail" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("assign-status.lua:9: omneo.assign: data/vip-campaign.csv has no column 'mail' (did you mean 'email'?); "
    .. "its columns are: 'email', 'first_name', 'note'")
end)

omneo.test.case("the report lists every row in input order, with its line and email, and the counts add up", function()
  local r = omneo.test.run("assign-status.lua", { status = "partner", file = "data/vip-campaign.csv" })
  expect(r.ok).to_be(true)
  local last = 1
  for _, row in ipairs(r.report) do
    expect(tonumber(row.row)).to_be(last + 1)
    last = tonumber(row.row)
    if row.outcome == "added" then
      expect(row.change).to_be("add partner")
      expect(row.email).to_be(row.email:lower())
    end
  end
  expect(last).to_be(85)
  local resolved
  for _, line in ipairs(r.log) do resolved = resolved or line:match("resolved 84 emails from data/vip%-campaign%.csv: .*") end
  local sum = 0
  for n in resolved:match(": (.*)"):gmatch("(%d+) %a") do sum = sum + tonumber(n) end
  expect(sum).to_be(84)
  expect(resolved).to_contain("1 duplicate")
end)
