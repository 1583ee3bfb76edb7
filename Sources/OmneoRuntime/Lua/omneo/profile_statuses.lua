local omneo, host = ... -- glue(omneo, host) of omneo.profile_statuses: additive status batches, never a PUT
local ps = {}
local wait = host["omneo.profile_statuses.wait"]
local add, remove, set = host["omneo.profile_statuses.add"], host["omneo.profile_statuses.remove"], host["omneo.profile_statuses.set"]

-- Level 3: past this function and the ps.* wrapper, at the recipe's line.
local function job_of(result, err, kind)
  if kind == "misuse" then error(err, 3) end
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

omneo.profile_statuses = ps
