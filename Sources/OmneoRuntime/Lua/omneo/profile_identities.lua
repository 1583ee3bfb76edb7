local omneo, host = ... -- glue(omneo, host) of omneo.profile_identities: add, remove
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local profile_identities = {}
omneo.profile_identities = profile_identities
local add, remove = host["omneo.profile_identities.add"], host["omneo.profile_identities.remove"]

local function answer(result, err, kind)
  if kind == "misuse" then raise(err) end
  return result, err
end

--- Gives one profile the identity `handle` = `identifier` (a Shopify customer id, a loyalty card) through
--- the per-identity endpoints, leaving its other identities alone. The profile is read first: "added"
--- (it had none with that handle), "updated" (it had another identifier: changed), "already_present";
--- in a dry run "would_add" / "would_update" (nothing is sent). The identity before is journaled, so
--- `omneo-run undo` puts it back. Returns nil and "not_found" (no such profile) or the tenant's refusal.
--- Example: `local outcome, err = omneo.profile_identities.add(id, { handle = "shopify", identifier = "4512" })`
---@param id string
---@param identity {handle: string, identifier: string|integer}
---@return string|nil outcome, string? err
function profile_identities.add(id, identity) local r, err = answer(add(id, identity)); return r, err end

--- Removes one profile's identity `handle`: "removed", or "not_present" (it had none); "would_remove"
--- in a dry run. Journaled and undone like add. Returns nil and "not_found" when there is no such profile.
--- Example: `local outcome = omneo.profile_identities.remove(id, "loyalty")`
---@param id string
---@param handle string
---@return string|nil outcome, string? err
function profile_identities.remove(id, handle) local r, err = answer(remove(id, handle)); return r, err end
