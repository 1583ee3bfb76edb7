local omneo, host = ... -- glue(omneo, host) of omneo.report: one outcome per input row
local report = {}

--- Records what became of one input row in the run report (CSV: key, profile_id, outcome, detail).
--- outcome: added | already_present | removed | ensured | not_found | ambiguous | invalid | failed | skipped
---          | would_add | would_remove | would_create | would_update (dry run) | created | updated. A "failed" row makes the run exit 4.
--- Example: `omneo.report.row(email, "not_found", "no profile has this email")`
---@param key string      what identifies the row (an email, a row number)
---@param outcome string
---@param detail? string
---@param profile_id? string
report.row = host["omneo.report.row"]

omneo.report = report
