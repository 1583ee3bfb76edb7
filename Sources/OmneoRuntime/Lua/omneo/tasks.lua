local omneo, host = ... -- glue(omneo, host) of omneo.spawn, wait, each: tasks whose API calls overlap
local raise = host.raise -- misuse at the recipe's line, past this glue and the stdlib (RecipeSandbox)
local spawn_host, wait_host = host["omneo.spawn"], host["omneo.wait"]
local default_concurrency = host.run_info().concurrency

--- Starts fn(...) as a task of its own: it runs whenever the others wait on the tenant, so API
--- calls in several tasks overlap (Lua itself runs one task at a time: no locks needed).
--- An error in a task nobody waits for fails the run at its end. At most 10,000 tasks may be
--- alive at once (another raises; omneo.each runs a long list a few at a time).
--- Example: `local t = omneo.spawn(omneo.profiles.get, id); local p = omneo.wait(t)`
---@param fn function
---@return table task
function omneo.spawn(fn, ...)
  if type(fn) ~= "function" then raise("bad argument #1 to 'omneo.spawn' (function expected, got " .. type(fn) .. ")") end
  local args = table.pack(...)
  local task, refused = spawn_host(function() return fn(table.unpack(args, 1, args.n)) end)
  if not task then raise(refused) end
  return { task = task }
end

--- Waits until every task given has ended. One task: its return values; several: the first
--- return value of each, in order. A task that raised re-raises its error here.
--- Example: `local a, b = omneo.wait(t1, t2)`
---@param ... table  tasks from omneo.spawn
---@return any ...
function omneo.wait(...)
  -- true and each task's results packed ({...; n = count}: they never left Lua), or false, message
  local results = table.pack(wait_host(...))
  if results[1] == false then error(results[2], 0) end
  if results.n == 2 then
    local only = results[2]
    return table.unpack(only, 1, only.n)
  end
  local firsts = {}
  for i = 2, results.n do firsts[i - 1] = results[i][1] end
  return table.unpack(firsts, 1, results.n - 1)
end

--- Calls fn(item, index) for every item, `concurrency` at a time (default 8), and returns the
--- results by index. Plain sequential code inside fn gets the tenant's whole rate.
--- Example: `local profiles = omneo.each(ids, function(id) return omneo.profiles.get(id) end, {concurrency = 16})`
---@param list any[]
---@param fn fun(item: any, index: integer): any
---@param opts? {concurrency: integer}
---@return any[] results
function omneo.each(list, fn, opts)
  if type(list) ~= "table" then raise("bad argument #1 to 'omneo.each' (table expected, got " .. type(list) .. ")") end
  if type(fn) ~= "function" then raise("bad argument #2 to 'omneo.each' (function expected, got " .. type(fn) .. ")") end
  local width = (opts and opts.concurrency) or default_concurrency
  if math.type(width) ~= "integer" or width < 1 then raise("omneo.each: concurrency must be a whole number of at least 1") end
  local results, next_index, count = {}, 1, #list
  local function worker()
    while next_index <= count do
      local i = next_index
      next_index = i + 1
      results[i] = fn(list[i], i)
    end
  end
  local tasks = {}
  for w = 1, math.min(width, count) do tasks[w] = omneo.spawn(worker) end
  if #tasks > 0 then omneo.wait(table.unpack(tasks)) end
  return results
end
