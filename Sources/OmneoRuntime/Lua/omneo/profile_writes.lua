local omneo, host = ... -- glue(omneo, host) of the omneo.profiles writes: create, update, upsert, delete, purge
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local profiles = omneo.profiles
local create, update, upsert = host["omneo.profiles.create"], host["omneo.profiles.update"], host["omneo.profiles.upsert"]
local delete, purge, wait = host["omneo.profiles.delete"], host["omneo.profiles.purge"], host["omneo.profiles.wait"]

-- A misuse is raised at the recipe's line (host.raise passes over this glue).
local function answer(result, err, kind)
  if kind == "misuse" then raise(err) end
  return result, err
end

--- Creates one profile (POST /v3/profiles); fields are checked against the tenant's rules first.
--- Returns nil and "email: The email must be a valid email address." (or the tenant's 422, worded the same).
--- Example: `local p, err = omneo.profiles.create{ email = "jane@example.com", first_name = "Jane" }`
---@param fields table
---@return table|nil profile, string? err
function profiles.create(fields) local p, err = answer(create(fields)); return p, err end

--- Changes only the fields given (PUT). A list the tenant replaces whole (statuses, tags, identities,
--- custom_attributes) raises unless its own option allows it: replace_statuses (statuses then converge
--- through the status batches), replace_tags, replace_identities, replace_custom_attributes.
--- Example: `local p, err = omneo.profiles.update(id, { birth_day = 15, birth_month = 9 })`
---@param id string
---@param fields table
---@param opts? {replace_statuses: boolean, replace_tags: boolean, replace_identities: boolean, replace_custom_attributes: boolean}
---@return table|nil profile, string? err  "not_found" | "field: message"
function profiles.update(id, fields, opts) local p, err = answer(update(id, fields, opts)); return p, err end

--- Creates or updates many profiles through the profiles batch, matched by email or an identity handle,
--- in chunks (default 500). Invalid rows are kept back (job.invalid); the rest are sent.
--- job.batch_ids, job.invalid; job:wait([timeout_s]) --> {done, succeeded, failed, failures = {{index, error}},
--- created = {ids}, updated = {ids}, rows = {{index, outcome, id, error}}}
--- Example: `local r = omneo.profiles.upsert(list, { match = "email" }):wait()`
---@param list table[]
---@param opts {match: string, chunk?: integer, replace_statuses?: boolean, replace_tags?: boolean, replace_identities?: boolean, replace_custom_attributes?: boolean}
---@return table|nil job, string? err
function profiles.upsert(list, opts)
  local job, err = answer(upsert(list, opts))
  if job then function job:wait(timeout) return wait(self.id, timeout) end end
  return job, err
end

--- Soft-deletes one profile. Returns true, or nil and "not_found".
--- Example: `local ok, err = omneo.profiles.delete(id)`
---@param id string
---@return boolean|nil ok, string? err
function profiles.delete(id) local ok, err = answer(delete(id)); return ok, err end

--- Erases one profile for good (GDPR purge). Raises unless the run was started with --allow-purge.
--- Example: `local ok, err = omneo.profiles.purge(id)`
---@param id string
---@return boolean|nil ok, string? err
function profiles.purge(id) local ok, err = answer(purge(id)); return ok, err end
