#!/usr/bin/env bash
# The run journal's cost and payoff, each against a baseline measured in the same run:
#  1. rows: a recipe reporting N rows, journaled (a tenant) against not journaled (no tenant; the
#     same CSV report is written either way);
#  2. requests: tag-influencers over E emails, a second run of the same job against the first
#     (--cache-ttl 24h), and a run killed halfway plus its resume against one clean run.
# Usage: bench/journal.sh [path/to/omneo-run]   (ROWS, EMAILS override the sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/omneo-run}")
rows=${ROWS:-20000}
emails=${EMAILS:-2000}
work=$(mktemp -d)
trap 'kill $sandbox_pid 2>/dev/null || true; rm -rf "$work"' EXIT

"$bin" sandbox --port 0 --sandbox-rate 0 --batch-delay 100 > "$work/sandbox.out" 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 50); do grep -q "^sandbox tenant on" "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
url=$(head -1 "$work/sandbox.out" | awk '{print $NF}')
root=${url%/api}
export OMNEO_BASE_URL=$url OMNEO_TOKEN=sandbox-token XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/none
requests() { curl -s "$root/_sandbox/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

cat > "$work/rows.lua" <<LUA
if omneo.tenant then omneo.statuses.list() end
for i = 1, $rows do omneo.report.row("row" .. i, "skipped", "benchmark row") end
LUA
time_of() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); echo "$(( (end - start) / 1000 ))e-6"; }
plain=$(cd "$work" && OMNEO_BASE_URL= OMNEO_TOKEN= time_of "$bin" rows.lua --report plain.csv)
journaled=$(cd "$work" && time_of "$bin" rows.lua --report journaled.csv -q)
python3 - "$rows" "$plain" "$journaled" <<'PY'
import sys
rows, plain, journaled = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"rows: {rows:,} report rows: {journaled:.2f} s journaled vs {plain:.2f} s not "
      f"({journaled / plain:.2f}x; {(journaled - plain) / rows * 1e6:.1f} us per journaled row)")
PY

python3 - "$emails" "$work/creators.csv" <<'PY'
import json, sys, collections
count, out = int(sys.argv[1]), sys.argv[2]
profiles = json.load(open("Sources/OmneoSandbox/Fixtures/demo-tenant.json"))["profiles"]
seen = collections.Counter((p.get("email") or "").lower() for p in profiles)
unique = [p["email"] for p in profiles if p.get("email") and seen[p["email"].lower()] == 1][:count]
with open(out, "w") as f:
    f.write("email,followers\n")
    for i, e in enumerate(unique): f.write(f"{e},{20000 + i}\n")
print(f"requests: tag-influencers over {len(unique):,} emails")
PY
tag=("$(realpath recipes/tag-influencers.lua)" --arg file=creators.csv --rate 1000 --arg status=media -q)
r0=$(requests); (cd "$work" && "$bin" "${tag[@]}"); r1=$(requests)
(cd "$work" && "$bin" "${tag[@]}"); r2=$(requests)
first=$((r1 - r0)); second=$((r2 - r1))
python3 -c "print(f'  first run {$first:,} requests; second run {$second:,} ({$second / $first * 100:.1f}% of the first)')"

# Kill a run of the same job (another status, so it writes again) halfway, then resume it.
tag[6]=status=vip
r3=$(requests)
(cd "$work" && exec "$bin" "${tag[@]}" --cache-ttl 0) & run_pid=$!
sleep "${KILL_AFTER:-1.5}"; kill -9 $run_pid 2>/dev/null || true; wait $run_pid 2>/dev/null || true
r4=$(requests)
id=$("$bin" runs --limit 1 | cut -d" " -f1)
(cd "$work" && "$bin" resume "$id" --rate 1000 --cache-ttl 0 -q) || true
r5=$(requests)
python3 -c "print(f'  killed at ${KILL_AFTER:-1.5} s after {$r4 - $r3:,} requests; resume sent {$r5 - $r4:,} more')"
