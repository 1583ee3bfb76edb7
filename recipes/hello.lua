-- A first recipe: parameters, logging and a CSV read, no tenant needed.
-- Run: omneo-run recipes/hello.lua --arg who=team
local p = omneo.params{
  who = { type = "string", default = "world", description = "who to greet" },
  file = { type = "string", default = "data/hello.csv", description = "a CSV with an email column" },
}
local emails = require "omneo.emails"

omneo.log.info("hello, %s", p.who)
local valid, invalid = 0, 0
for row, line in omneo.csv.rows(p.file) do
  if emails.is_valid(emails.normalise(row.email)) then
    valid = valid + 1
  else
    invalid = invalid + 1
    omneo.log.warn("%s:%d: not an email: '%s'", p.file, line, row.email)
  end
end
omneo.log.info("%d valid and %d invalid addresses in %s", valid, invalid, p.file)
