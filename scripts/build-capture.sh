#!/usr/bin/env bash
# Build the capture-file reader (crate synack-capture) into the dist folder
# as synack-capture.js + synack-capture_bg.wasm, the module the page imports
# the first time someone opens a capture. Trunk runs this after each build
# (Trunk.toml, [[hooks]]), with TRUNK_STAGING_DIR and TRUNK_PROFILE set; the
# tools come from scripts/setup.sh, on the PATH that serve.sh and test.sh set.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run by trunk (Trunk.toml hooks)}"
profile="${TRUNK_PROFILE:-release}"

flags=(--quiet --locked -p synack-capture --target wasm32-unknown-unknown)
[[ "$profile" == release ]] && flags+=(--release)
cargo build "${flags[@]}"

wasm="target/wasm32-unknown-unknown/$profile/synack_capture.wasm"
wasm-bindgen --target web --no-typescript --out-name synack-capture --out-dir "$out" "$wasm"
if [[ "$profile" == release ]]; then
  # As trunk does for the app (index.html: data-wasm-opt="z", --converge).
  wasm-opt -Oz --converge "$out/synack-capture_bg.wasm" -o "$out/synack-capture_bg.wasm"
fi
