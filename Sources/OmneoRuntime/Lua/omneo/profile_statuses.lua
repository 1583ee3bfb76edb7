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

local adder, remover = host["omneo.profile_statuses.adder"], host["omneo.profile_statuses.remover"]
local stream_open, stream_push = host["omneo.profile_statuses.stream_open"], host["omneo.profile_statuses.stream_push"]
local stream_finish = host["omneo.profile_statuses.stream_finish"]

-- The recipe's line, as error() would name it: level 6 counts the function below, pcall, recipe_line,
-- stream_of and ps.adder (or ps.remover), so it lands on the recipe's call.
local function recipe_line()
  local _, message = pcall(function() error("@", 6) end)
  return type(message) == "string" and message:match("^(.*): @$") or "the recipe"
end

local function stream_of(open, handles, opts)
  local id, err, kind = open(handles, opts)
  if kind == "misuse" then error(err, 3) end
  if id == nil then return nil, err end
  stream_open(id, recipe_line())
  local stream, ended = { id = id }, false
  --- Hands over one profile id or a list of them; a full chunk is sent at once.
  function stream:push(ids)
    if ended then error("this stream has ended: push before :wait()", 2) end
    local ok, e, k = stream_push(self.id, ids)
    if k == "misuse" then error(e, 2) end
    if ok == nil then error(e, 2) end
    return self
  end
  --- Sends the last chunk and returns the job (as omneo.profile_statuses.add returns it).
  function stream:finish()
    if ended then error("this stream has ended already", 2) end
    ended = true
    local job, e, k = stream_finish(self.id)
    if k == "misuse" then error(e, 2) end
    if job == nil then return nil, e end
    function job:wait(timeout) return wait(self.id, timeout) end
    return job
  end
  --- finish(), then waits for every batch: the answer of job:wait().
  function stream:wait(timeout)
    local job, e = self:finish()
    if job == nil then return nil, e end
    return job:wait(timeout)
  end
  return stream
end

--- A stream: hand it profile ids as you find them (inside omneo.profiles.each, say) and each chunk is
--- sent the moment it is full, while the recipe goes on reading; :wait() sends the rest and waits.
--- Ids are de-duplicated. A run whose stream is never ended fails, naming the line that opened it.
--- Example: `local s = omneo.profile_statuses.adder({"influencer"}); s:push(p.id); local r = s:wait()`
---@param handles string[]|string
---@param opts? {chunk: integer}
function ps.adder(handles, opts) local s, err = stream_of(adder, handles, opts); return s, err end

--- The reverse of adder: detaches only these handles from each profile pushed.
--- Example: `local s = omneo.profile_statuses.remover("vip"); s:push(id); s:wait()`
---@param handles string[]|string
---@param opts? {chunk: integer}
function ps.remover(handles, opts) local s, err = stream_of(remover, handles, opts); return s, err end

omneo.profile_statuses = ps
