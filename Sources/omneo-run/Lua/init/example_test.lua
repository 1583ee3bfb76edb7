-- example_test.lua: run by `omneo-run test`, each case on a simulated tenant of its own.
local expect = omneo.test.expect

-- The profiles of data/example.csv, as a tenant would hold them.
local function tenant()
  omneo.test.tenant{
    statuses = { "gold", "silver" },
    profiles = {
      { id = "p1", email = "william.thompson0@example.com", statuses = { "silver" } },
      { id = "p2", email = "zoe.nguyen1@shopper.example.org" },
      { id = "p3", email = "lily.johnson10@example.com", statuses = { "gold" } },
    },
  }
end

omneo.test.case("adds the status to the customers over the threshold and keeps their others", function()
  tenant()
  local r = omneo.test.run("example.lua")
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ added = 1, already_present = 1, not_found = 1, invalid = 2, skipped = 1 })
  expect(omneo.test.profile("p1").statuses).to_be({ "silver", "gold" })
  expect(omneo.test.profile("p2").statuses).to_be({})
end)

omneo.test.case("a dry run plans the change and sends no write", function()
  tenant()
  local r = omneo.test.run("example.lua", { status = "silver" }, { dry_run = true })
  expect(r.ok).to_be(true)
  expect(r.outcomes.would_add).to_be(1)
  for _, request in ipairs(omneo.test.requests()) do
    expect(request.write).to_be(false)
  end
  expect(omneo.test.profile("p3").statuses).to_be({ "gold" })
end)

omneo.test.case("an unknown status is refused before anything is sent", function()
  tenant()
  local r = omneo.test.run("example.lua", { status = "glod" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("did you mean 'gold'?")
end)
