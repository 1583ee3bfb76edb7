#!/usr/bin/env bash
# Builds the C shim's differential tests against liblua5.4 and runs them: the pattern matcher, then
# the table functions, string.rep and load whose loops poll the interrupt flag.
#   bash Tests/patterns/run.sh          # corpus, fuzz, interruption
#   bash Tests/patterns/run.sh bench    # and the timing against the built-in functions
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${TMPDIR:-/tmp}/omneo_patterns_diff.$$"
trap 'rm -f "$out"' EXIT
cc -std=c11 -O2 -Wall -Wextra $(pkg-config --cflags lua5.4) -I Sources/CLuaShim/include \
  -o "$out" Sources/CLuaShim/patterns.c Sources/CLuaShim/tables.c Sources/CLuaShim/table_sort.c \
  Sources/CLuaShim/string_rep.c Sources/CLuaShim/load.c Tests/patterns/patterns_diff.c \
  $(pkg-config --libs lua5.4) -lpthread
"$out" Tests/patterns/patterns_diff.lua "$@"
"$out" Tests/patterns/loops_diff.lua "$@"
