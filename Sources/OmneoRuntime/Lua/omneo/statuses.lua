local omneo, host = ... -- glue(omneo, host) of omneo.statuses (after host_glue.lua): status definitions, handle checks
local statuses = {}

--- Every status definition of the tenant (all pages), fetched once per run.
--- Example: `for _, s in ipairs(omneo.statuses.list()) do omneo.log.info(s.handle) end`
---@return {id: integer, handle: string, name: string, group_handle: string?, sort_order: integer?, description: string?}[]|nil, string? err
statuses.list = host["omneo.statuses.list"]

--- One definition by handle (exact, case-sensitive), or nil and "unknown status 'vpi' (did you mean 'vip'?)".
--- Example: `local vip, err = omneo.statuses.get("vip")`
---@param handle string
---@return table|nil status, string? err
statuses.get = host["omneo.statuses.get"]

--- Raises "unknown status 'vpi' (did you mean 'vip'?)" at your line unless every handle exists.
--- Example: `omneo.statuses.require("influencer", "vip")`
---@param ... string
statuses.require = checked(host["omneo.statuses.require"])

omneo.statuses = statuses
