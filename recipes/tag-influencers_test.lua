-- tag-influencers.lua on the demo tenant: who gets tagged, who is reported, and what is never touched.
local expect = omneo.test.expect

local function writes(run_requests)
  local n = 0
  for _, r in ipairs(run_requests or omneo.test.requests()) do if r.write then n = n + 1 end end
  return n
end

omneo.test.case("a dry run plans the tags and sends no write", function()
  local r = omneo.test.run("tag-influencers.lua", nil, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes.would_add).to_be(26)
  expect(r.plan).to_be({
    "influencer: would add to 26 profiles (0 already have it)",
    "emails: 0 answered from the lookup cache (ids only), 34 asked of the tenant",
  })
  expect(writes()).to_be(0)
end)

omneo.test.case("tags every creator at or over 10000 followers, keeps their other statuses, reports the rest", function()
  local emails = {}
  for row in omneo.csv.rows("data/creators.csv") do emails[#emails + 1] = row.email end
  local before = omneo.profiles.resolve(emails).statuses
  local r = omneo.test.run("tag-influencers.lua")
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ added = 26, not_found = 4, ambiguous = 4, invalid = 3, skipped = 85 })
  expect(r.rows).to_be(122)  -- every row of the file: those under the threshold are reported skipped
  for _, row in ipairs(r.report) do
    if row.outcome == "added" then
      local wanted = { table.unpack(before[row.profile_id]) }
      wanted[#wanted + 1] = "influencer"
      expect(omneo.test.profile(row.profile_id).statuses).to_be(wanted)
    elseif row.outcome == "ambiguous" then
      expect(row.profile_id).to_be("")
      expect(row.detail).to_contain("profiles share this email")
    end
  end
end)

omneo.test.case("a second run changes nothing, and sends its one additive batch again", function()
  local before = writes()
  local r = omneo.test.run("tag-influencers.lua")
  expect(r.outcomes.added).to_be_nil()
  expect(r.outcomes.already_present).to_be(26)
  -- Re-sending is harmless (the batch is additive) and repairs a status removed in between.
  expect(writes()).to_be(before + 1)
end)

omneo.test.case("a higher threshold tags fewer", function()
  local r = omneo.test.run("tag-influencers.lua", { min_followers = 1000000 })
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ skipped = 122 })
  expect(r.report[1].detail).to_be("row 2: 523 followers, under 1000000")
end)

omneo.test.case("a typo'd status sends no write at all", function()
  local before = writes()
  local r = omneo.test.run("tag-influencers.lua", { status = "influncer" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("unknown status 'influncer' (did you mean 'influencer'?)")
  expect(writes()).to_be(before)
end)
