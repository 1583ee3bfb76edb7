-- Create or update customers from a CSV export, matched by email; every row ends created, updated, invalid or failed.
-- Run: omneo-run recipes/import-profiles.lua --sandbox [--arg file=data/customers.csv] [--dry-run]
--   [--arg map="Job Title:occupation,DOB:birthday"] [--arg identity="shopify:Customer ID"] [--arg dates=mdy]
-- Headers are matched to profile fields ignoring case, spaces, `-` and `_` (`First Name` is first_name, `E-mail`
-- is email), with the usual other names (Surname, Mobile, Date of Birth, ...); --arg map names the rest. A date
-- column (`birthday`) becomes birth_day, birth_month and birth_year. Empty cells are left out, so they never blank
-- a field; other columns are ignored and named once in the log (custom_attributes would replace the profile's
-- whole list), and statuses are never touched (use omneo.profile_statuses for those).
local p = omneo.params{
  file = { type = "string", default = "data/customers.csv", description = "CSV export with an email column and profile fields" },
  map = { type = "string", default = "", description = "more columns as COLUMN:field pairs, comma-separated (field 'birthday' is a date, 'ignore' skips it)" },
  identity = { type = "string", default = "", description = "identity columns as handle:COLUMN pairs, comma-separated (e.g. shopify:Customer ID)" },
  dates = { type = "string", default = "dmy", description = "dmy (14/05/1990, the default) or mdy (05/14/1990) for dates written with / . or -" },
}
local addresses = require "omneo.emails"

local TEXT = {
  email = true, first_name = true, last_name = true, mobile_phone = true, secondary_phone = true, title = true,
  gender = true, profile_type = true, company = true, occupation = true, currency = true,
}
local NUMBER = { birth_day = true, birth_month = true, birth_year = true }
-- Other names exports use, by their letters alone (lower case, no spaces, `-`, `_` or `.`).
local ALIASES = {
  email = "email", emailaddress = "email", mail = "email",
  firstname = "first_name", givenname = "first_name", first = "first_name",
  lastname = "last_name", surname = "last_name", familyname = "last_name", last = "last_name",
  mobile = "mobile_phone", mobilephone = "mobile_phone", mobilenumber = "mobile_phone", phone = "mobile_phone",
  phonenumber = "mobile_phone", cell = "mobile_phone", cellphone = "mobile_phone",
  secondaryphone = "secondary_phone", homephone = "secondary_phone", otherphone = "secondary_phone",
  profiletype = "profile_type", company = "company", companyname = "company",
  birthday = "birthday", birthdate = "birthday", dateofbirth = "birthday", dob = "birthday",
}

local function letters(name) return (name:lower():gsub("[%s%-_%.]", "")) end
local function field_name(name) return (name:lower():match("^%s*(.-)%s*$"):gsub("[%s%-]+", "_")) end
local function trim(text) return text:match("^%s*(.-)%s*$") end
local function quoted(list)
  local shown = {}
  for i, name in ipairs(list) do shown[i] = "'" .. name .. "'" end
  return table.concat(shown, ", ")
end

if p.dates ~= "dmy" and p.dates ~= "mdy" then
  error(("--arg dates=%s: use dmy (14/05/1990) or mdy (05/14/1990)"):format(p.dates), 0)
end

-- Every column is mapped (or named as ignored) before a row is read or anything is sent.
local header = omneo.csv.columns(p.file)
local by_letters = {}
for _, name in ipairs(header) do by_letters[letters(name)] = name end
local function column_named(given, flag)
  local name = by_letters[letters(given)]
  if not name then
    error(("--arg %s names the column '%s', which %s does not have; its columns are: %s"):format(flag, given, p.file, quoted(header)), 0)
  end
  return name
end

local target = {}     -- column -> profile field, "birthday" (a date) or "ignore"
for pair in p.map:gmatch("[^,]+") do
  local column, field = pair:match("^%s*(.-)%s*:%s*([%w_]+)%s*$")
  if not column or column == "" then
    error(("--arg map: '%s' is not COLUMN:field (e.g. map=Mobile:mobile_phone,DOB:birthday)"):format(trim(pair)), 0)
  end
  field = ALIASES[letters(field)] == "birthday" and "birthday" or field
  if not (TEXT[field] or NUMBER[field] or field == "birthday" or field == "ignore") then
    local fields = {}
    for name in pairs(TEXT) do fields[#fields + 1] = name end
    for name in pairs(NUMBER) do fields[#fields + 1] = name end
    table.sort(fields)
    error(("--arg map: '%s' is not a profile field this recipe sends; use one of %s, birthday (a date) or ignore")
      :format(field, table.concat(fields, ", ")), 0)
  end
  target[column_named(column, "map")] = field
end
local identities = {}  -- column -> identity handle
for pair in p.identity:gmatch("[^,]+") do
  local handle, column = pair:match("^%s*([%w_%-%.]+)%s*:%s*(.-)%s*$")
  if not handle or column == "" then
    error(("--arg identity: '%s' is not handle:COLUMN (e.g. identity=shopify:Customer ID)"):format(trim(pair)), 0)
  end
  identities[column_named(column, "identity")] = handle
end

local mapped, ignored, source_of, field_of = {}, {}, {}, {}
for _, name in ipairs(header) do
  local exact = field_name(name)
  local field = identities[name] and ("identity " .. identities[name]) or target[name]
    or ((TEXT[exact] or NUMBER[exact]) and exact) or ALIASES[letters(name)]
  if field and field ~= "ignore" then
    if source_of[field] then
      error(("%s: both '%s' and '%s' would be %s; drop one with --arg map=\"%s:ignore\""):format(p.file, source_of[field], name, field, name), 0)
    end
    source_of[field], field_of[name] = name, field
    mapped[#mapped + 1] = ("'%s' -> %s"):format(name, field == "birthday" and "birth date" or field)
  elseif not field then
    ignored[#ignored + 1] = name
  end
end
if not source_of.email then
  error(("%s has no email column (its columns are: %s); name it with --arg map=\"COLUMN:email\""):format(p.file, quoted(header)), 0)
end
omneo.log.info("columns: %s", table.concat(mapped, ", "))
if #ignored > 0 then
  omneo.log.warn("ignored columns (not profile fields; send one with --arg map=\"COLUMN:field\"): %s", table.concat(ignored, ", "))
end

local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
--- day, month, year of a date cell, or nil: 1990-05-14 (also with / or ., and a time after it), 14/05/1990
--- (day first, or month first with --arg dates=mdy; also with - or .).
local function parse_date(text)
  local date = text:match("^[^T%s]+")
  local y, m, d = date:match("^(%d%d%d%d)[%-/%.](%d%d?)[%-/%.](%d%d?)$")
  if not y then
    local a, b
    a, b, y = date:match("^(%d%d?)[%-/%.](%d%d?)[%-/%.](%d%d%d%d)$")
    if p.dates == "dmy" then d, m = a, b else m, d = a, b end
  end
  if not y then return nil end
  d, m, y = tonumber(d), tonumber(m), tonumber(y)
  local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
  local last = m == 2 and leap and 29 or DAYS[m]
  if not last or d < 1 or d > last then return nil end
  return d, m, y
end

local function parse_date_text(column, cell)
  local d, m, y = parse_date(cell)
  if d then return { birth_day = d, birth_month = m, birth_year = y } end
  return nil, ("'%s' is '%s', not a date (write it 1990-05-14, or %s)"):format(column, cell, p.dates == "dmy" and "14/05/1990" or "05/14/1990")
end

-- One profile per row; a row that cannot be sent is reported invalid here and never sent.
local function profile_of(row)
  local fields, sent, ident = {}, {}, {}
  for _, name in ipairs(header) do
    local cell, field = trim(row[name]), field_of[name]
    if cell ~= "" and field then
      if field:match("^identity ") then
        ident[#ident + 1] = { handle = identities[name], identifier = cell }
      elseif field == "birthday" then
        local date, problem = parse_date_text(name, cell)
        if not date then return nil, problem end
        for key, value in pairs(date) do fields[key] = value end
      elseif NUMBER[field] then
        fields[field] = math.tointeger(tonumber(cell)) or cell -- a non-number is reported by the field check
      else
        fields[field] = field == "gender" and cell:lower() or cell
      end
    end
  end
  if not fields.email then return nil, ("no email (the '%s' cell is empty)"):format(source_of.email) end
  for key in pairs(fields) do sent[#sent + 1] = key end
  table.sort(sent)
  return fields, nil, ident, sent
end

local function valid_email(text)
  local email = addresses.normalise(text)
  return addresses.is_valid(email) and email or nil
end

local profiles, lines, sent_of, wanted_identities, rows = {}, {}, {}, {}, 0
for row, line in omneo.csv.rows(p.file) do
  rows = rows + 1
  local fields, problem, ident, sent = profile_of(row)
  if not fields then
    local given = row[source_of.email]
    omneo.report.row{ row = line, key = given ~= "" and given or ("row " .. line), email = valid_email(given),
      outcome = "invalid", detail = ("row %d: %s"):format(line, problem) }
  else
    profiles[#profiles + 1] = fields
    lines[#profiles] = line
    sent_of[#profiles] = sent
    if #ident > 0 then wanted_identities[#profiles] = ident end
  end
end
if #profiles == 0 then
  omneo.log.info("%s has no rows to import (%d read)", p.file, rows)
  return
end

-- The tenant replaces a profile's whole identities list: a known profile keeps the identities it holds,
-- with the given handles added (or their identifier changed), read first (one lookup per row with one).
local merge = {}
for i in pairs(wanted_identities) do merge[#merge + 1] = i end
table.sort(merge)
omneo.each(merge, function(i)
  local held = {}
  local existing = omneo.profiles.find_one{ email = profiles[i].email }
  for _, identity in ipairs(existing and existing.identities or {}) do
    local copy = {}
    for key, value in pairs(identity) do copy[key] = value end
    held[#held + 1] = copy
  end
  for _, wanted in ipairs(wanted_identities[i]) do
    local replaced = false
    for _, identity in ipairs(held) do
      if identity.handle == wanted.handle then identity.identifier, replaced = wanted.identifier, true end
    end
    if not replaced then held[#held + 1] = wanted end
  end
  profiles[i].identities = held
  table.insert(sent_of[i], "identities")
end)

-- The identities were read and merged above, so replacing the list on purpose keeps every one.
local result = omneo.profiles.upsert(profiles, { match = "email", replace_identities = #merge > 0 }):wait()
for i, r in ipairs(result.rows) do
  local writes = r.outcome == "created" or r.outcome == "updated" or r.outcome == "would_create" or r.outcome == "would_update"
  omneo.report.row{
    row = lines[i], key = profiles[i].email, email = valid_email(profiles[i].email), profile_id = r.id,
    outcome = r.outcome, change = writes and ("set " .. table.concat(sent_of[i], ", ")) or nil,
    detail = r.error and ("row %d: %s"):format(lines[i], r.error) or nil,
  }
end
if result.dry_run then
  omneo.log.info("dry run: %d rows read: would create %d, update %d; %d not importable; nothing was sent",
    rows, result.would_create, result.would_update, rows - result.would_create - result.would_update)
else
  omneo.log.info("%d rows read: %d created, %d updated, %d not imported", rows, #result.created, #result.updated,
    rows - #result.created - #result.updated)
end
