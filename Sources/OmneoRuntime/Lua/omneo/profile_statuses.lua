local omneo, host = ... -- glue(omneo, host) of omneo.profile_statuses: additive status batches, never a PUT
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local ps = {}
local wait = host["omneo.profile_statuses.wait"]
local add, remove, set = host["omneo.profile_statuses.add"], host["omneo.profile_statuses.remove"], host["omneo.profile_statuses.set"]
local add_by_email, remove_by_email = host["omneo.profile_statuses.add_by_email"], host["omneo.profile_statuses.remove_by_email"]

-- A misuse is raised at the recipe's line (host.raise passes over this glue).
local function job_of(result, err, kind)
  if kind == "misuse" then raise(err) end
  if result == nil then return nil, err end
  function result:wait(timeout) return wait(self.id, timeout) end
  return result
end

--- Adds handles to profiles, keeping every status they already hold (the additive batch endpoint).
--- Entries are de-duplicated and sent in chunks (default 250, at most 500). Every handle is checked
--- first: an unknown one raises "unknown status 'vpi' (did you mean 'vip'?)" before anything is sent.
--- Under --dry-run nothing is sent; job:wait() says what would change.
--- Example: `local job = omneo.profile_statuses.add(ids, {"influencer"}); local r = job:wait()`
--- job.batch_ids, job.entries; job:wait([timeout_s]) --> {done, succeeded, failed, failures = {{profile_id, error}}}
---@param ids string[]|{profile_id: string, statuses: string[]}[]
---@param handles? string[]
---@param opts? {chunk: integer}
---@return table|nil job, string? err
function ps.add(...) local job, err = job_of(add(...)); return job, err end

--- Detaches only the handles sent; every other status stays. Same shapes and checks as add.
--- Example: `omneo.profile_statuses.remove(ids, {"vip"}):wait()`
function ps.remove(...) local job, err = job_of(remove(...)); return job, err end

--- Converges one profile to exactly these handles through add and remove batches (never a PUT).
--- Example: `omneo.profile_statuses.set(id, {"vip", "staff"}):wait()`
---@param id string
---@param handles string[]
function ps.set(...) local job, err = job_of(set(...)); return job, err end

-- A misuse raised as above; a resolution and its job, or nil and why.
local function resolved_job(resolution, job, kind)
  if kind == "misuse" then raise(job) end
  if resolution == nil then return nil, job end
  function job:wait(timeout) return wait(self.id, timeout) end
  return resolution, job
end

--- Resolves emails (as omneo.profiles.resolve does) and adds handles to every profile found, each
--- chunk sent as soon as it is full while the other emails are still being looked up (what
--- omneo.assign uses). Every found profile is sent, even one that has the handle already.
--- Example: `local r, job = omneo.profile_statuses.add_by_email(emails, {"vip"}); local res = job:wait()`
--- r is the resolution (rows, ids, missing, ...); job as for add. Under --dry-run nothing is sent.
---@param emails string[]
---@param handles string[]|string
---@param opts? {chunk: integer, plan: "auto"|"lookups"|"scan"}
---@return table|nil resolution, table|string job_or_err
function ps.add_by_email(...) return resolved_job(add_by_email(...)) end

--- The reverse of add_by_email: detaches only these handles from every profile found.
--- Example: `local r, job = omneo.profile_statuses.remove_by_email(emails, {"vip"})`
---@param emails string[]
---@param handles string[]|string
---@param opts? {chunk: integer, plan: "auto"|"lookups"|"scan"}
---@return table|nil resolution, table|string job_or_err
function ps.remove_by_email(...) return resolved_job(remove_by_email(...)) end

omneo.profile_statuses = ps
