#!/usr/bin/env bash
# Builds Koda and an empty Tauri 2 app (release builds, same Tauri version) and measures both in
# the real WebKit window under Xvfb: memory (PSS), cold start, opening 2,000 and 10,000 nodes, and
# frame times while panning and zooming. Prints one table. Needs what `bash .ci/setup` installs.
# usage: bash tests/perf/run.sh   (PERF_RUNS=N for more runs; default 3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/koda-target}"
export PATH="$HOME/.cargo/bin:$PATH"

npm run build --silent
cargo build --release -p koda-desktop --features custom-protocol
cargo build --release -p koda-cli
# Same Tauri as Koda: the empty app builds against Koda's lock file.
cp Cargo.lock tests/perf/empty-app/Cargo.lock
(cd tests/perf/empty-app && cargo build --release --features custom-protocol)
if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver@2.1.0 --locked
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
koda="$CARGO_TARGET_DIR/release/koda"
mkdir -p "$work/data"
ids=()
for nodes in 2000 10000; do
  "$koda" gen-fixture --nodes "$nodes" -o "$work/big-$nodes.json"
  "$koda" --data-dir "$work/data" canvas import "$work/big-$nodes.json" >/dev/null
  ids+=("$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$work/big-$nodes.json")")
done

# A fresh WebKit profile and window memory; no keychain, no update checks (no address is set).
XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg-config" KODA_NO_KEYCHAIN=1 \
  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x800x24" \
  bash tests/perf/in-display.sh "$work" "$CARGO_TARGET_DIR/release/koda-desktop" \
  "$CARGO_TARGET_DIR/release/koda-perf-empty" "${ids[0]}" "${ids[1]}"
