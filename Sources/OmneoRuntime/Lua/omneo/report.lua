local omneo, host = ... -- glue(omneo, host) of omneo.report: one outcome per input row
local report = {}

--- Records what became of one input row in the run report (CSV: row, key, email, profile_id, outcome,
--- change, detail). Two forms: a table with any of `row` (the input line: the report is put in input order
--- by it), `key`, `email`, `profile_id`, `outcome` (required), `change` (what it changed, e.g. "add vip")
--- and `detail`; or positional `(key, outcome, detail, profile_id)`.
--- outcome: added | already_present | removed | ensured | not_found | ambiguous | invalid | failed | skipped
---          | would_add | would_remove | would_create | would_update (dry run) | created | updated. A "failed" row makes the run exit 4.
--- Example: `omneo.report.row{ row = line, email = email, outcome = "not_found", detail = "no profile has this email" }`
--- Example: `omneo.report.row(email, "not_found", "no profile has this email")`
---@param key string|{row: integer, key: string, email: string, profile_id: string, outcome: string, change: string, detail: string}
---@param outcome? string
---@param detail? string
---@param profile_id? string
report.row = host["omneo.report.row"]

omneo.report = report
