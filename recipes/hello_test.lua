-- hello.lua: parameters, logging and a CSV read, no tenant calls.
local expect = omneo.test.expect

omneo.test.case("greets and counts the addresses", function()
  local r = omneo.test.run("hello.lua", { who = "team" })
  expect(r.ok).to_be(true)
  expect(r.log).to_contain("info: hello, team")
  expect(r.log).to_contain("info: 2 valid and 1 invalid addresses in data/hello.csv")
  expect(r.requests).to_be(0)
end)

omneo.test.case("refuses an unknown parameter", function()
  local r = omneo.test.run("hello.lua", { whom = "team" })
  expect(r.ok).to_be(false)
  expect(r.error).to_contain("did you mean 'who'?")
end)
