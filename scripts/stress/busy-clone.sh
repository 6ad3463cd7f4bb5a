#!/bin/bash
# Runs `npm test` RUNS times (default 3) from a fresh clone inside a private (0700) temporary
# folder, with both cores held by busy loops: issue #13's "a suite that passes anywhere".
# The clone is of this checkout's HEAD, with ../shared copied beside it as CI has it.
# Usage: bash scripts/stress/busy-clone.sh [RUNS]   (prints one line per run; logs stay in the folder)
set -u
runs=${1:-3}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
dir=$(mktemp -d) && chmod 700 "$dir"
echo "folder $dir (mode $(stat -c %a "$dir"))"
git clone -q "$repo" "$dir/main" && cp -r "$repo/../shared" "$dir/shared"
cd "$dir/main" && npm ci --no-audit --no-fund >/dev/null 2>&1 || { echo "npm ci failed"; exit 1; }
bash scripts/real-docs/install-poppler.sh >/dev/null 2>&1
busy=()
for _ in $(seq "$(nproc)"); do ( while :; do :; done ) & busy+=($!); done
trap 'kill "${busy[@]}" 2>/dev/null' EXIT
failed=0
for i in $(seq 1 "$runs"); do
  npm test >"$dir/run$i.log" 2>&1; rc=$?
  [ $rc -eq 0 ] || failed=1
  echo "run $i: exit $rc, $(grep -aE 'Tests +[0-9]' "$dir/run$i.log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | tr -s ' ')"
done
exit $failed
