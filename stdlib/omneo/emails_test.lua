-- omneo.emails: normalise, validate and clean addresses the way the resolver compares them.
local emails = require "omneo.emails"
local expect = omneo.test.expect

omneo.test.case("normalise trims and lower-cases", function()
  expect(emails.normalise("  Jane@Example.COM \t")).to_be("jane@example.com")
  expect(emails.normalise(42)).to_be_nil()
end)

omneo.test.case("is_valid accepts plausible addresses", function()
  expect(emails.is_valid("jane@example.com")).to_be(true)
  expect(emails.is_valid("jane.o'neil+vip@mail.example.co.uk")).to_be(true)
end)

omneo.test.case("is_valid says why an address is refused", function()
  expect(select(2, emails.is_valid(""))).to_be("empty")
  expect(select(2, emails.is_valid("jane@@example.com"))).to_be("needs exactly one @ with text on both sides")
  expect(select(2, emails.is_valid("jane@example"))).to_be("invalid domain")
  expect(select(2, emails.is_valid("ja ne@example.com"))).to_be("invalid characters before the @")
  expect(select(2, emails.is_valid(("x"):rep(250) .. "@example.com"))).to_be("longer than 254 characters")
end)

omneo.test.case("clean de-duplicates and keeps the first spelling's order", function()
  local valid, invalid = emails.clean({ "B@x.com", "a@x.com", "b@x.com ", "nope" })
  expect(valid).to_be({ "b@x.com", "a@x.com" })
  expect(invalid).to_be({ { email = "nope", reason = "needs exactly one @ with text on both sides" } })
end)
