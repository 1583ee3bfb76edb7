-- remove-status.lua: detaches one handle from the listed profiles and nothing else.
local expect = omneo.test.expect

omneo.test.case("removes only that handle from the listed profiles", function()
  omneo.test.tenant{
    statuses = { "vip", "staff" },
    profiles = {
      { id = "p1", email = "ann@example.com", statuses = { "vip", "staff" } },
      { id = "p2", email = "bob@example.com", statuses = { "staff" } },
      { id = "p3", email = "cy@example.com", statuses = { "vip" } },
    },
  }
  local r = omneo.test.run("remove-status.lua", { status = "vip", file = "data/remove-vip_test.csv" })
  expect(r.ok).to_be(true)
  expect(r.outcomes).to_be({ removed = 1, skipped = 1, not_found = 1 })
  expect(omneo.test.profile("p1").statuses).to_be({ "staff" })
  expect(omneo.test.profile("p2").statuses).to_be({ "staff" })
  expect(omneo.test.profile("p3").statuses).to_be({ "vip" })
end)

omneo.test.case("never sends a PUT", function()
  for _, request in ipairs(omneo.test.requests()) do
    expect(request.method == "PUT").to_be(false)
  end
end)
