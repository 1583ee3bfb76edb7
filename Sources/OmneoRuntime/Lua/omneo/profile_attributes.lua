local omneo, host = ... -- glue(omneo, host) of omneo.profile_attributes: set, remove
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local profile_attributes = {}
omneo.profile_attributes = profile_attributes
local set, remove = host["omneo.profile_attributes.set"], host["omneo.profile_attributes.remove"]

local function answer(result, err, kind)
  if kind == "misuse" then raise(err) end
  return result, err
end

--- Sets one custom attribute of one profile through its own endpoint, leaving the others alone.
--- `type` is one of string, integer, float, boolean, json, array (default: from the value). The
--- attribute is read first: "added" (it had none), "updated" (another value), "already_present";
--- in a dry run "would_add" / "would_update" (nothing is sent). The value before is journaled, so
--- `omneo-run undo` puts it back (or deletes an attribute the run created). Returns nil and
--- "not_found" (no such profile) or the tenant's refusal.
--- Example: `local outcome, err = omneo.profile_attributes.set(id, "loyalty", "tier", "gold")`
---@param id string
---@param namespace string
---@param handle string
---@param value any
---@param type? "string"|"integer"|"float"|"boolean"|"json"|"array"
---@return string|nil outcome, string? err
function profile_attributes.set(id, namespace, handle, value, type)
  local r, err = answer(set(id, namespace, handle, value, type)); return r, err
end

--- Removes one custom attribute: "removed", or "not_present" (it had none); "would_remove" in a dry
--- run. Journaled and undone like set.
--- Example: `local outcome = omneo.profile_attributes.remove(id, "loyalty", "tier")`
---@param id string
---@param namespace string
---@param handle string
---@return string|nil outcome, string? err
function profile_attributes.remove(id, namespace, handle) local r, err = answer(remove(id, namespace, handle)); return r, err end
