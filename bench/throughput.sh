#!/usr/bin/env bash
# Issue 17's benchmark: recipes/assign-status.lua over 2,000 emails against the sandbox at 100 requests/s
# with 50, 150 and 300 ms of latency, on a tenant of 2,100 profiles (a scan should win) and one of
# 200,000 (lookups should win, --generated-profiles). Each scenario runs the defaults (in-flight work
# sized to the tenant, pipelined writes, the cheaper plan) and the baseline of before, in the same run:
# --concurrency 8 --resolve lookups, resolve-then-write (bench/throughput/old-assign.lua).
# Prints utilization (ideal time / measured; ideal = the plan's minimum requests / rate), the same against
# the floor (the ideal plus the round trips and batch time that must come one after another), and requests
# sent against the chosen plan's minimum. Usage: bench/throughput.sh [path-to-omneo-run]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/omneo-run}")
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
rate=100 count=2000 chunk=250

# Seeds: the demo's statuses, and made-up profiles (2,100 here; 200,000 through --generated-profiles).
python3 - "$work" "$count" <<'PY'
import json, sys
work, count = sys.argv[1], int(sys.argv[2])
demo = json.load(open("Sources/OmneoSandbox/Fixtures/demo-tenant.json"))
json.dump({"statuses": demo["statuses"], "profiles": []}, open(f"{work}/empty.json", "w"))
open(f"{work}/emails.csv", "w").write("email\n" + "".join(f"gen-{n:06d}@bench.example.com\n" for n in range(1, count + 1)))
PY

run() {  # $1 label, $2 latency, $3 profiles, $4 recipe, rest: flags
  local label=$1 latency=$2 profiles=$3 recipe=$4; shift 4
  local port=$((20000 + RANDOM % 10000))
  "$bin" sandbox --port "$port" --seed "$work/empty.json" --generated-profiles "$profiles" --latency "$latency" \
    --sandbox-rate "$rate" --batch-delay 300 >/dev/null 2>&1 &
  local server=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" >/dev/null && break; sleep 0.1; done
  OMNEO_BASE_URL="http://127.0.0.1:$port/api" OMNEO_TOKEN=sandbox-token XDG_STATE_HOME="$work/state-$port" \
    XDG_CONFIG_HOME="$work/none" OMNEO_TENANT= \
    "$bin" "$recipe" --arg status=vip --arg file="$work/emails.csv" --rate "$rate" --json \
    --report "$work/$port.csv" --cache-ttl 0 -v "$@" > "$work/$port.json" 2> "$work/$port.log"
  curl -s "http://127.0.0.1:$port/_sandbox/stats" > "$work/$port.stats.json"
  kill "$server"; wait "$server" 2>/dev/null || true
  python3 - "$work/$port.json" "$work/$port.stats.json" "$work/$port.log" "$label" "$count" "$chunk" "$rate" "$profiles" "$latency" <<'PY'
import json, math, re, sys
summary, stats, log = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), open(sys.argv[3]).read()
label, count, chunk, rate, profiles = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7]), int(sys.argv[8])
latency, batch_ms = float(sys.argv[9]), 300 + 100
chunks = math.ceil(count / chunk)
scanned = "resolving emails by scan" in log
probed = scanned or "resolving emails by lookups" in log
pages = math.ceil(profiles / 100)
# The plan's minimum: the status list, the plan's reads, one batch and one poll per chunk.
reads = pages if scanned else count + (1 if probed else 0)
minimum = 1 + reads + chunks + chunks
sent = stats["total"]
elapsed = summary["elapsed_s"]
plan = "scan" if scanned else "lookups"
inflight = re.findall(r"requests in flight: (\d+)", log)
# The floor no client can beat: the requests at the rate, plus what must happen one after another around
# them: the first read's round trip (the status list goes beside it), the last lookup's, the last batch's
# POST, the batch's own time (the sandbox's --batch-delay plus its 100 ms of `processing`) and its poll.
floor = minimum / rate + (4 * latency + batch_ms) / 1000
print(f"  {label:34s} {elapsed:6.1f} s  utilization {minimum / rate / elapsed:4.2f} (of the floor {floor / elapsed:4.2f})  {plan:7s} "
      f"requests {sent} vs minimum {minimum} ({sent / minimum:.3f}x)  in flight {inflight[-1] if inflight else '-'}  "
      f"429s {stats['by_status'].get('429', 0)}  rows {summary['rows']}")
PY
}

# PROFILES, LATENCIES and BASELINE=0 (defaults only) narrow a run while working on one case.
for profiles in ${PROFILES:-2100 200000}; do
  echo "tenant of $profiles profiles, $count emails, $rate requests/s"
  for latency in ${LATENCIES:-50 150 300}; do
    run "${latency} ms: defaults" "$latency" "$profiles" recipes/assign-status.lua
    [ "${BASELINE:-1}" = 0 ] && continue
    run "${latency} ms: before (c8, lookups, serial)" "$latency" "$profiles" bench/throughput/old-assign.lua \
      --concurrency 8 --resolve lookups
  done
done
