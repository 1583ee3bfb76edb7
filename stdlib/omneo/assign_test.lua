-- omneo.assign: the documented flow in one call, against a small fixture.
local assign = require "omneo.assign"
local expect = omneo.test.expect

local function fixture()
  omneo.test.tenant{
    statuses = { "vip", "staff", "media" },
    profiles = {
      { id = "p1", email = "ann@example.com", statuses = { "staff" } },
      { id = "p2", email = "Bob@Example.com", statuses = { "vip" } },
      { id = "p3", email = "twin@example.com", statuses = {} },
      { id = "p4", email = "TWIN@example.com", statuses = {} },
      { id = "p5", email = "cy@example.com", statuses = { "vip", "media" } },
    },
  }
end

local function writes()
  local n = 0
  for _, r in ipairs(omneo.test.requests()) do if r.write then n = n + 1 end end
  return n
end

omneo.test.case("adds the handle and keeps every other status", function()
  fixture()
  local counts = assign({ "ann@example.com", " BOB@example.com " }, "vip")
  expect(counts).to_be({ added = 1, already_present = 1 })
  expect(omneo.test.profile("p1").statuses).to_be({ "staff", "vip" })
  expect(omneo.test.profile("p2").statuses).to_be({ "vip" })
end)

omneo.test.case("reports missing, ambiguous, invalid and repeated rows, and guesses nothing", function()
  fixture()
  local counts = assign({ "nobody@example.com", "twin@example.com", "not an email", "ann@example.com", "Ann@example.com" }, "media")
  expect(counts).to_be({ not_found = 1, ambiguous = 1, invalid = 1, added = 1, skipped = 1 })
  expect(omneo.test.profile("p3").statuses).to_be({})
  expect(omneo.test.profile("p4").statuses).to_be({})
end)

omneo.test.case("removes only that handle", function()
  fixture()
  local counts = assign({ "cy@example.com", "ann@example.com" }, "vip", { remove = true })
  expect(counts).to_be({ removed = 1, skipped = 1 })
  expect(omneo.test.profile("p5").statuses).to_be({ "media" })
  expect(omneo.test.profile("p1").statuses).to_be({ "staff" })
end)

omneo.test.case("a second run sends the batch again, so a status removed since comes back", function()
  fixture()
  assign({ "ann@example.com", "bob@example.com" }, "vip")
  local before = writes()
  expect(assign({ "ann@example.com", "bob@example.com" }, "vip")).to_be({ already_present = 2 })
  -- One batch for both: re-sending an additive batch is harmless, and it is what repairs a removal.
  expect(writes()).to_be(before + 1)
  expect(omneo.test.profile("p1").statuses).to_be({ "staff", "vip" })
end)

omneo.test.case("an unknown handle raises before anything is sent", function()
  fixture()
  expect(function() assign({ "ann@example.com" }, "vpi") end).to_raise("unknown status 'vpi' %(did you mean 'vip'%?%)")
  expect(writes()).to_be(0)
end)

omneo.test.case("an unknown option raises", function()
  expect(function() assign({ "ann@example.com" }, "vip", { colum = "mail" }) end).to_raise("unknown option 'colum'")
end)
