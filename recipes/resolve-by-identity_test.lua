-- resolve-by-identity.lua: Shopify ids to profiles, a status added, every row reported.
local expect = omneo.test.expect
local args = { status = "vip", file = "data/shopify-customers_test.csv" }

local function shop_tenant()
  local function shopify(id) return { { handle = "shopify", identifier = id, is_active = true } } end
  omneo.test.tenant{ statuses = { "vip", "staff" }, profiles = {
    { id = "ann", email = "ann@example.com", identities = shopify("4512"), statuses = { "staff" } },
    { id = "twin1", email = "twin1@example.com", identities = shopify("4513") },
    { id = "twin2", email = "twin2@example.com", identities = shopify("4513") },
    { id = "cy", email = "cy@example.com", identities = shopify("4514"), statuses = { "vip" } },
    -- 7001 is a loyalty card here, not a Shopify id: no match.
    { id = "dee", email = "dee@example.com", identities = { { handle = "loyalty", identifier = "7001", is_active = true } } },
  } }
end

omneo.test.case("requires its parameters", function()
  local r = omneo.test.run("resolve-by-identity.lua")
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("missing required parameter")
end)

-- First, while the test tenant is still the demo one.
omneo.test.case("runs on the demo tenant's Shopify ids", function()
  local r = omneo.test.run("resolve-by-identity.lua", { status = "partner", file = "data/shopify-customers.csv" })
  expect(r.ok).to_be(true)
  expect(r.outcomes.not_found).to_be(1)
  expect(r.outcomes.invalid).to_be(1)
  expect(r.outcomes.skipped).to_be(1)
  expect((r.outcomes.added or 0) + (r.outcomes.already_present or 0)).to_be(24)
end)

omneo.test.case("adds the status to each id one profile carries, and reports every other row", function()
  shop_tenant()
  local r = omneo.test.run("resolve-by-identity.lua", args)
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ added = 1, already_present = 1, ambiguous = 1, not_found = 2, invalid = 1, skipped = 1 })
  local outcomes = {}
  for i, row in ipairs(r.report) do outcomes[i] = row.outcome end
  expect(outcomes).to_be({ "added", "ambiguous", "already_present", "not_found", "invalid", "skipped", "not_found" })
  expect(r.report[1].profile_id).to_be("ann")
  expect(r.report[1].change).to_be("add vip")
  expect(r.report[2].detail).to_be("row 3: 2 profiles share this shopify identity; not guessed")
  expect(r.report[4].detail).to_be("row 5: no profile has shopify id 9999")
  expect(r.report[6].detail).to_be("row 7: duplicate of row 2")
  expect(r.report[7].detail).to_be("row 8: no profile has shopify id 7001")
  expect(omneo.test.profile("ann").statuses).to_be({ "staff", "vip" })
  expect(omneo.test.profile("twin1").statuses).to_be({})
  expect(omneo.test.profile("dee").statuses).to_be({})
end)

omneo.test.case("a dry run sends nothing and says what it would add", function()
  shop_tenant()
  local r = omneo.test.run("resolve-by-identity.lua", args, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes.would_add).to_be(1)
  expect(r.outcomes.already_present).to_be(1)
  expect(omneo.test.profile("ann").statuses).to_be({ "staff" })
end)
