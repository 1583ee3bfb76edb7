#!/usr/bin/env bash
# Prints the figures the README quotes. Needs: release builds (made here), lua5.4, hyperfine.
# Each comparison measures its baseline in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq hyperfine; }

echo "== building (release, dynamic and --static-swift-stdlib)"
swift build -c release --product omneo-run >/dev/null
swift build -c release --product omneo-bench-calls >/dev/null
swift build -c release --product omneo-bench-strings >/dev/null
swift build -c release --product omneo-bench-sandbox >/dev/null
swift build -c release --static-swift-stdlib --scratch-path .build-static --product omneo-run >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/empty.lua"

echo
echo "== start-up: an empty recipe against lua5.4 -e ''"
hyperfine -N --warmup 20 --runs 200 --export-json "$work/startup.json" \
  "lua5.4 -e ''" \
  ".build/release/omneo-run $work/empty.lua" \
  ".build-static/release/omneo-run $work/empty.lua" >/dev/null
python3 - "$work/startup.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["mean"]
for r in results:
    print(f"{r['command'].split('/')[-1] if 'omneo' not in r['command'] else r['command'].split(' ')[0]:45s} "
          f"{r['mean']*1000:6.2f} ms ± {r['stddev']*1000:4.2f}   {r['mean']/base:5.2f}x lua5.4")
PY

echo
echo "== calls: 1,000,000 Lua -> Swift against 1,000,000 Lua -> Lua, and the --timeout watchdog's cost"
.build/release/omneo-bench-calls

echo
echo "== string method calls in the sandbox (read-only views of what chunks share) against a bare state"
.build/release/omneo-bench-strings

echo
echo "== concurrency: assign-status.lua, 2,000 emails, tenant at 50 ms and 100 requests/s (baseline: --concurrency 1)"
bash bench/assign-utilization.sh .build/release/omneo-run

echo
echo "== run journal: rows journaled vs not; a repeated job's requests; a killed run's resume"
bash bench/journal.sh .build/release/omneo-run | grep -v '^info'

echo
echo "== sandbox memory over ${SOAK_REQUESTS:=1000000} requests (80% email lookups, 10% reads, 10% status batches)"
.build/release/omneo-bench-sandbox .build/release/omneo-run "$SOAK_REQUESTS"
