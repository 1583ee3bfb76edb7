#!/usr/bin/env bash
# Builds the pattern matcher's differential test against liblua5.4 and runs it.
#   bash Tests/patterns/run.sh          # corpus, fuzz, interruption
#   bash Tests/patterns/run.sh bench    # and the timing against the built-in functions
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${TMPDIR:-/tmp}/omneo_patterns_diff.$$"
trap 'rm -f "$out"' EXIT
cc -std=c11 -O2 -Wall -Wextra $(pkg-config --cflags lua5.4) -I Sources/CLuaShim/include \
  -o "$out" Sources/CLuaShim/patterns.c Tests/patterns/patterns_diff.c \
  $(pkg-config --libs lua5.4) -lpthread
"$out" Tests/patterns/patterns_diff.lua "$@"
