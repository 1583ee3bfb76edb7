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

-- A real export: its own header names, a date of birth, a Shopify id, a blank line, rows that cannot go in.
local export = { file = "data/customers-export_test.csv", identity = "shopify:Customer ID", map = "Job Title:occupation" }

local function export_tenant()
  omneo.test.tenant{ statuses = { "vip" }, profiles = {
    { id = "c1", email = "ann.lee@example.com", first_name = "Annie", statuses = { "vip" },
      identities = { { handle = "loyalty", identifier = "L-100", is_active = true } } },
    { id = "c2", email = "bo.chen@example.com", first_name = "Bo" },
  } }
end

-- Issue 19's newcomer: an import carrying loyalty cards replaced a customer's Shopify identity.
omneo.test.case("a loyalty-card import keeps the customer's Shopify identity", function()
  omneo.test.tenant{ statuses = { "vip" }, profiles = {
    { id = "c1", email = "ann.lee@example.com", first_name = "Annie",
      identities = { { handle = "shopify", identifier = "SH-1", is_active = true } } },
  } }
  local r = omneo.test.run("import-profiles.lua", { file = export.file, identity = "loyalty:Customer ID", map = export.map })
  expect(r.ok).to_be(true)
  expect(omneo.test.profile("c1").identities).to_be({ { handle = "shopify", identifier = "SH-1", is_active = true },
    { handle = "loyalty", identifier = "7001" } })
  expect(omneo.profiles.get("SH-1", { identity = "shopify" }).id).to_be("c1")
end)

omneo.test.case("imports a real export: headers by name, dates split, identities added, every row reported in order", function()
  export_tenant()
  local r = omneo.test.run("import-profiles.lua", export)
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ updated = 2, created = 1, invalid = 2, skipped = 1 })
  local rows, outcomes = {}, {}
  for i, row in ipairs(r.report) do rows[i], outcomes[i] = row.row, row.outcome end
  expect(rows).to_be({ "2", "3", "4", "5", "6", "7" })
  expect(outcomes).to_be({ "updated", "updated", "created", "skipped", "invalid", "invalid" })
  expect(r.report[4].detail).to_be("line 5 of data/customers-export_test.csv is blank")
  expect(r.report[5].detail).to_be("row 6: 'Date of Birth' is '31/02/1990', not a date (write it 1990-05-14, or 14/05/1990)")
  expect(r.report[6].detail).to_be("row 7: no email (the 'E-mail' cell is empty)")
  expect(r.report[1].change).to_contain("birth_day")
  local ann = omneo.test.profile("c1")
  expect({ ann.first_name, ann.last_name, ann.gender, ann.occupation, ann.mobile_phone })
    .to_be({ "Ann", "Lee", "female", "Buyer", "+61400000001" })
  expect({ ann.birth_day, ann.birth_month, ann.birth_year }).to_be({ 14, 5, 1990 })
  expect(ann.statuses).to_be({ "vip" })
  expect(ann.identities).to_be({ { handle = "loyalty", identifier = "L-100", is_active = true },
    { handle = "shopify", identifier = "7001" } })
  local bo = omneo.test.profile("c2")
  expect({ bo.birth_day, bo.birth_month, bo.birth_year, bo.gender }).to_be({ 14, 5, 1985, "male" })
  local cy = omneo.profiles.find_one{ email = "cy.diaz@example.com" }
  expect({ cy.first_name, cy.occupation, cy.identities[1].identifier }).to_be({ "Cy", "Engineer", "7003" })
  expect(cy.accepts_email_marketing).to_be_nil()
  expect(r.log).to_contain("warn: ignored columns (not profile fields; send one with --arg map=\"COLUMN:field\"): Accepts Email Marketing, Total Spent")
end)

omneo.test.case("a dry run of the export plans the same rows and sends nothing", function()
  export_tenant()
  local r = omneo.test.run("import-profiles.lua", export, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ would_update = 2, would_create = 1, invalid = 2, skipped = 1 })
  expect(writes()).to_be(0)
  for _, line in ipairs(r.log) do expect(line:find("created") == nil or line:find("would") ~= nil).to_be(true) end
end)

omneo.test.case("month-first dates with --arg dates=mdy", function()
  export_tenant()
  local r = omneo.test.run("import-profiles.lua", { file = export.file, dates = "mdy" }, { dry_run = true })
  expect(r.ok).to_be(true)
  -- 14/05/1985 has no 14th month: month-first, it is not a date.
  expect(r.outcomes).to_be({ would_update = 1, would_create = 1, invalid = 3, skipped = 1 })
end)

omneo.test.case("a file with no email column says so, naming its columns, and sends nothing", function()
  local before = writes()
  local r = omneo.test.run("import-profiles.lua", { file = "data/no-email-column_test.csv" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("data/no-email-column_test.csv has no email column (its columns are: 'Name', 'Phone'); name it with --arg map=\"COLUMN:email\"")
  expect(writes()).to_be(before)
end)

omneo.test.case("--arg map and identity name columns the file has, and fields the recipe sends", function()
  local r = omneo.test.run("import-profiles.lua", { file = export.file, map = "Job Titel:occupation" })
  expect(r.error).to_contain("--arg map names the column 'Job Titel', which data/customers-export_test.csv does not have; its columns are: 'Customer ID'")
  r = omneo.test.run("import-profiles.lua", { file = export.file, map = "Job Title:job" })
  expect(r.error).to_contain("--arg map: 'job' is not a profile field this recipe sends; use one of birth_day")
  r = omneo.test.run("import-profiles.lua", { file = export.file, identity = "Customer ID" })
  expect(r.error).to_contain("--arg identity: 'Customer ID' is not handle:COLUMN (e.g. identity=shopify:Customer ID)")
end)
