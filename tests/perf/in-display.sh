#!/usr/bin/env bash
# Runs inside Xvfb: measures the empty app painting on the CPU through its own tauri-driver, then
# everything else through a plain one (one driver at a time: PSS shares pages among processes).
# usage: in-display.sh WORK_DIR KODA_APP EMPTY_APP BIG_2K_ID BIG_10K_ID
set -euo pipefail
work=$1 koda=$2 empty=$3 big2k=$4 big10k=$5
driver=
stop_driver() {
  [ -n "$driver" ] && kill "$driver" 2>/dev/null || true
  pkill -x WebKitWebDriver 2>/dev/null || true
  driver=
  sleep 1
}
trap stop_driver EXIT
start_driver() { # extra environment as arguments, e.g. WEBKIT_DISABLE_COMPOSITING_MODE=1
  env "$@" tauri-driver --port 4444 >>"$work/driver.log" 2>&1 &
  driver=$!
  for _ in $(seq 100); do
    curl -fs http://127.0.0.1:4444/status >/dev/null 2>&1 && break
    sleep 0.1
  done
}

start_driver WEBKIT_DISABLE_COMPOSITING_MODE=1
node tests/perf/measure.mjs --empty "$empty" --floor-only "$work/cpu-floor.json"
stop_driver
start_driver
node tests/perf/measure.mjs --koda "$koda" --empty "$empty" --data "$work/data" --big2k "$big2k" --big10k "$big10k" \
  --cpu-floor "$work/cpu-floor.json"
