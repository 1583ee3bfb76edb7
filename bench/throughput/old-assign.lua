-- The baseline of bench/throughput.sh: omneo.assign's flow as it was before pipelining. Resolve every
-- email first, then send the batches, then wait (run with --concurrency 8 --resolve lookups).
local p = omneo.params{
  status = { type = "string", required = true, description = "the status handle to add" },
  file = { type = "string", required = true, description = "CSV whose email column holds the addresses" },
}
local emails = {}
for row in omneo.csv.rows(p.file) do emails[#emails + 1] = row.email end
local r = assert(omneo.profiles.resolve(emails))
local job = assert(omneo.profile_statuses.add(r.ids, { p.status }, { chunk = 250 }))
local result = assert(job:wait(600))
for _, id in ipairs(r.ids) do omneo.report.row(id, "added", nil, id) end
omneo.log.info("done: %d sent, %d failed", result.succeeded, result.failed)
