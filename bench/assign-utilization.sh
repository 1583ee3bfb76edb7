#!/usr/bin/env bash
# Issue 6's benchmark: recipes/assign-status.lua assigning a status to 2,000 emails against the
# sandbox at 50 ms latency and 100 requests/s, at the default concurrency and at --concurrency 1
# (the baseline, same run). Prints rate-limit utilization (ideal time / measured time, ideal =
# minimum requests / rate) and requests sent against that minimum (lookups + chunks + one poll
# per chunk + the status list).
# Usage: bench/assign-utilization.sh [path-to-omneo-run]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/omneo-run}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
rate=100 count=2000 chunk=250

python3 - "$work/emails.csv" "$count" <<'PY'
import json, sys
tenant = json.load(open("Sources/OmneoSandbox/Fixtures/demo-tenant.json"))
keys = {}
for p in tenant["profiles"]:
    keys.setdefault(p["email"].strip().lower(), []).append(p)
emails = [k for k, ps in keys.items() if len(ps) == 1 and "partner" not in ps[0]["statuses"]][: int(sys.argv[2])]
open(sys.argv[1], "w").write("email\n" + "\n".join(emails) + "\n")
PY

run() {  # $1: label, rest: extra flags
  local label=$1; shift
  local port=$((20000 + RANDOM % 10000))
  "$bin" sandbox --port "$port" --latency 50 --rate "$rate" --batch-delay 300 >/dev/null &
  local server=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null && break; sleep 0.1; done
  # Each run its own journal and no cached lookups: both runs pay for every lookup.
  OMNEO_BASE_URL="http://127.0.0.1:$port/api" OMNEO_TOKEN=sandbox-token XDG_STATE_HOME="$work/state-$port" \
    "$bin" recipes/assign-status.lua --arg status=partner --arg file="$work/emails.csv" \
    --rate "$rate" --json -q --lib "$work" --report "$work/$label.csv" --cache-ttl 0 "$@" > "$work/$label.json"
  curl -s "http://127.0.0.1:$port/_sandbox/stats" > "$work/$label.stats.json"
  kill "$server"; wait "$server" 2>/dev/null || true
  python3 - "$work/$label.json" "$work/$label.stats.json" "$label" "$count" "$chunk" "$rate" <<'PY'
import json, math, sys
summary, stats = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
label, count, chunk, rate = sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
chunks = math.ceil(count / chunk)
minimum = 1 + count + chunks + chunks
sent = stats["total"]
ideal = minimum / rate
added = summary["outcomes"].get("added", 0)
print(f"{label:22s} {summary['elapsed_s']:7.1f} s  utilization {ideal / summary['elapsed_s']:.2f}  "
      f"requests {sent} vs minimum {minimum} (+{(sent - minimum) / minimum * 100:.1f}%)  "
      f"429s {stats['by_status'].get('429', 0)}  added {added}")
PY
}

echo "assign-status.lua, $count emails, sandbox at 50 ms latency and $rate requests/s"
run "concurrency 8" --concurrency 8
run "concurrency 1 (base)" --concurrency 1
