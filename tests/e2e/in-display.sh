#!/usr/bin/env bash
# Runs inside Xvfb: starts tauri-driver, runs the WebDriver test, stops the driver.
# usage: in-display.sh APP DATA_DIR BIG_CANVAS_ID SYNC_URL [POSTGRES_URL KODA_CLI]
set -euo pipefail
app=$1 data=$2 big=$3 sync_url=$4 postgres_url=${5:-} koda_cli=${6:-}
extra=()
if [ -n "$koda_cli" ]; then extra+=(--koda "$koda_cli"); fi
if [ -n "${KODA_FAL_QUEUE_URL:-}" ]; then extra+=(--fal-url "$KODA_FAL_QUEUE_URL"); fi
if [ -n "$postgres_url" ]; then extra+=(--postgres-url "$postgres_url"); fi
log=$(mktemp)
tauri-driver --port 4444 >"$log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true; pkill -f WebKitWebDriver 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  curl -fs http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.1
done
if ! node tests/e2e/app.e2e.mjs --app "$app" --data-dir "$data" --screenshots docs/screenshots --big-canvas "$big" --sync-url "$sync_url" "${extra[@]}"; then
  echo "--- tauri-driver log ---"; tail -50 "$log"
  exit 1
fi
