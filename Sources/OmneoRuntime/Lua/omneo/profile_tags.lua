local omneo, host = ... -- glue(omneo, host) of omneo.profile_tags and omneo.tags: tags read, merged and PUT whole, checked
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local pt = {}
local add, remove = host["omneo.profile_tags.add"], host["omneo.profile_tags.remove"]

-- A misuse is raised at the recipe's line (host.raise passes over this glue); the result gets :wait(),
-- which gives it back, so code written for omneo.profile_statuses reads the same.
local function result_of(result, err, kind)
  if kind == "misuse" then raise(err) end
  if result == nil then return nil, err end
  function result:wait() return self end
  return result
end

--- Adds tags to profiles, keeping every tag they already hold. The tenant has no additive tag endpoint,
--- so each profile is read, merged, read again just before the write and PUT with its full list, and the
--- answer's list is checked. Someone else changing the profile in between is noticed and the merge done
--- again (3 tries, then outcome "conflict": nothing of theirs is overwritten). Tags are sent as the
--- tenant keeps them: spaces become hyphens, with a warning naming each such tag; case is kept.
--- Under --dry-run profiles are read and nothing is sent (outcomes would_add, already_present).
--- Example: `local r = omneo.profile_tags.add(ids, "christmas-campaign-2024")`
--- r.profiles = {{profile_id, outcome, tags, added, removed, tries, error?}}, r.by_id[id], r.counts[outcome],
--- r.succeeded, r.failed, r.failures = {{profile_id, error}}, r.warnings, r.dry_run.
--- Outcomes: added, already_present, conflict, failed (a not-found profile too), would_add.
---@param ids string[]|string
---@param tags string[]|string
---@param opts? table
---@return table|nil result, string? err
function pt.add(...) local r, err = result_of(add(...)); return r, err end

--- Removes only these tags; every other tag stays. Same shapes, checks and retries as add.
--- Outcomes: removed, not_present, conflict, failed, would_remove.
--- Example: `local r = omneo.profile_tags.remove({id1, id2}, {"christmas-campaign-2024"})`
---@param ids string[]|string
---@param tags string[]|string
---@param opts? table
---@return table|nil result, string? err
function pt.remove(...) local r, err = result_of(remove(...)); return r, err end

omneo.profile_tags = pt

local tags = {}

--- Every tag of the tenant (GET /v3/tags, all pages), as handles.
--- Example: `for _, tag in ipairs(omneo.tags.list()) do omneo.log.info(tag) end`
---@return string[]|nil tags, string? err
tags.list = checked(host["omneo.tags.list"])

omneo.tags = tags
