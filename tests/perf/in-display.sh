#!/usr/bin/env bash
# Runs inside Xvfb: starts tauri-driver, measures, stops the driver.
# usage: in-display.sh WORK_DIR KODA_APP EMPTY_APP BIG_2K_ID BIG_10K_ID
set -euo pipefail
work=$1 koda=$2 empty=$3 big2k=$4 big10k=$5
tauri-driver --port 4444 >"$work/driver.log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true; pkill -x WebKitWebDriver 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fs http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.1
done
node tests/perf/measure.mjs --koda "$koda" --empty "$empty" --data "$work/data" --big2k "$big2k" --big10k "$big10k"
