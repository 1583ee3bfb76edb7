-- import-profiles.lua on the demo tenant: new emails are created, known ones updated, statuses never touched.
local expect = omneo.test.expect

local existing = {
  "99dd251d-e512-4482-b929-2d22e255accb", "94a4d29c-7383-4496-800e-05d017985d06",
  "733c6676-4dbd-4e02-aecb-9e6853e81536", "8e48e488-47cd-47f7-b74c-990a9eebba4e",
}

local function writes()
  local n = 0
  for _, r in ipairs(omneo.test.requests()) do if r.write then n = n + 1 end end
  return n
end

omneo.test.case("a dry run says what would be created and updated and sends nothing", function()
  local r = omneo.test.run("import-profiles.lua", nil, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ would_update = 4, would_create = 3, invalid = 1 })
  expect(r.plan).to_be({ "profiles: would create 3, update 4" })
  expect(writes()).to_be(0)
end)

omneo.test.case("creates new emails, updates known ones, reports the invalid row, keeps statuses", function()
  local before = {}
  for _, id in ipairs(existing) do before[id] = omneo.test.profile(id).statuses end
  local r = omneo.test.run("import-profiles.lua")
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ created = 3, updated = 4, invalid = 1 })
  for _, row in ipairs(r.report) do
    if row.outcome == "invalid" then
      expect(row.key).to_be("jamie.lee@example")
      expect(row.detail).to_be("row 9: profiles.8.email: The profiles.8.email must be a valid email address.")
    end
  end
  for _, id in ipairs(existing) do expect(omneo.test.profile(id).statuses).to_be(before[id]) end
  expect(omneo.test.profile(existing[1]).first_name).to_be("Will")
  expect(omneo.test.profile(existing[2]).last_name).to_be("Patel-Ng")
  local harper = omneo.profiles.find_one{ email = "harper.quinn@newmail.example.com" }
  expect(harper.birth_month).to_be(3)
  expect(harper.favourite_store).to_be_nil()
end)

omneo.test.case("a second run creates nothing new", function()
  local r = omneo.test.run("import-profiles.lua")
  expect(r.outcomes).to_be({ updated = 7, invalid = 1 })
end)

omneo.test.case("imports onto a tenant whose profiles are active with gender withheld, sending each value as given", function()
  omneo.test.tenant{ statuses = { "vip" }, profiles = {
    { id = "a1", email = "ann.active@example.com", first_name = "Annie", gender = "withheld", profile_type = "active", statuses = { "vip" } },
    { id = "a2", email = "bo.active@example.com", first_name = "Bo", gender = "witheld", profile_type = "active" },
  } }
  local plan = omneo.test.run("import-profiles.lua", { file = "data/active-customers_test.csv" }, { dry_run = true })
  expect(plan.outcomes).to_be({ would_update = 2, would_create = 1 })
  local r = omneo.test.run("import-profiles.lua", { file = "data/active-customers_test.csv" })
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ updated = 2, created = 1 })
  local ann, bo = omneo.test.profile("a1"), omneo.test.profile("a2")
  expect({ ann.first_name, ann.gender, ann.profile_type, ann.statuses }).to_be({ "Ann", "withheld", "active", { "vip" } })
  expect(bo.gender).to_be("witheld")  -- the SDK's spelling, kept: never rewritten to the docs'
  local cy = omneo.profiles.find_one{ email = "cy.new@example.com" }
  expect({ cy.gender, cy.profile_type }).to_be({ "withheld", "active" })
end)
