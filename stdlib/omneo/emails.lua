--- omneo.emails: normalise and validate email addresses the way the resolver compares them.
local M = {}

local ATOM = "^[%w!#$%%&'*+/=?^_`{|}~-]+$"

--- Trims surrounding whitespace and lower-cases an address. Returns nil for a non-string.
--- Example: `emails.normalise("  Jane@Example.COM ")` --> "jane@example.com"
---@param email any
---@return string|nil
function M.normalise(email)
  if type(email) ~= "string" then return nil end
  return (email:gsub("^%s+", ""):gsub("%s+$", ""):lower())
end

--- True when a (normalised) address is plausible: one @, a dotted domain, no spaces, at most
--- 254 characters. Deliberately strict on shape, not on rare RFC 5322 forms.
--- Example: `emails.is_valid("jane@example.com")` --> true
---@param email string
---@return boolean, string? reason
function M.is_valid(email)
  if type(email) ~= "string" or email == "" then return false, "empty" end
  if #email > 254 then return false, "longer than 254 characters" end
  local localpart, domain = email:match("^([^@]+)@([^@]+)$")
  if not localpart then return false, "needs exactly one @ with text on both sides" end
  for atom in (localpart .. "."):gmatch("(.-)%.") do
    if not atom:find(ATOM) then return false, "invalid characters before the @" end
  end
  if not domain:find("^[%w-]+%.[%w.-]+$") or domain:find("%.%.") or domain:find("%.$") then
    return false, "invalid domain"
  end
  return true
end

--- Normalises, validates and de-duplicates a list of addresses, keeping the first spelling's order.
--- Example: `local ok, bad = emails.clean({"A@x.com", "a@x.com ", "nope"})` --> {"a@x.com"}, {{email="nope", reason=...}}
---@param list string[]
---@return string[] valid, {email: string, reason: string}[] invalid
function M.clean(list)
  local valid, invalid, seen = {}, {}, {}
  for _, raw in ipairs(list) do
    local email = M.normalise(raw)
    local ok, reason = M.is_valid(email)
    if not ok then
      invalid[#invalid + 1] = { email = tostring(raw), reason = reason }
    elseif not seen[email] then
      seen[email] = true
      valid[#valid + 1] = email
    end
  end
  return valid, invalid
end

return M
