local omneo, host = ... -- glue(omneo, host) of omneo.tenant, dry_run, run_id, args: facts about this run
local info = host.run_info()
---@type string|nil  The tenant this run talks to ("sandbox" with --sandbox).
omneo.tenant = info.tenant
---@type boolean  True under --dry-run: writes are planned and reported, never sent.
omneo.dry_run = info.dry_run
---@type string  This run's id, as `omneo-run runs` lists it.
omneo.run_id = info.run_id
---@type table<string,string>  Every --arg KEY=VALUE (and tenant defaults) as strings.
--- Example: `local file = omneo.args.file or "emails.csv"`
omneo.args = info.args
