local omneo, host = ... -- glue(omneo, host) of omneo.batches: the tenant's asynchronous batches by id
local batches = {}

--- One batch as the tenant reports it, counts as numbers: {id, status, total_count, processed_count,
--- success_count, failed_count, done, items = {{entity_id, status, error}, ...}}.
--- Example: `local b = omneo.batches.get(job.batch_ids[1])`
---@param batch_id string
---@return table|nil batch, string? err
batches.get = host["omneo.batches.get"]

--- Polls each batch (0.5 s doubling to 10 s) until it is done; nil and a message after `timeout` (default 300 s).
--- Example: `local done = omneo.batches.wait(job.batch_ids, {timeout = 120})`
---@param batch_ids string|string[]
---@param opts? {timeout: number}
---@return table[]|nil batches, string? err
batches.wait = host["omneo.batches.wait"]

omneo.batches = batches
