#!/usr/bin/env bash
# Trunk runs this after each build (Trunk.toml, [[hooks]]) on its staging
# folder, with TRUNK_STAGING_DIR and TRUNK_PROFILE set. The tools come from
# scripts/setup.sh, on the PATH that serve.sh and test.sh set.
#
# 1. Builds the capture-file reader (crate synack-capture) as
#    synack-capture.js + synack-capture_bg.wasm: the module the page imports
#    the first time someone opens a capture.
# 2. Takes out of index.html the <link data-trunk rel="rust"> that trunk
#    leaves behind when it injects no loader (Trunk.toml: inject_scripts =
#    false; static/boot.js loads the app): dist/ is published as it is.
# 3. Draws the default page's first frame into index.html (src/first_frame.rs).
# 4. In release builds, minifies the JavaScript (terser) and the stylesheet
#    (csso): trunk's own JS minifier cannot parse wasm-bindgen's output.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run by trunk (Trunk.toml hooks)}"
profile="${TRUNK_PROFILE:-release}"

flags=(--quiet --locked -p synack-capture --target wasm32-unknown-unknown)
[[ "$profile" == release ]] && flags+=(--release)
cargo build "${flags[@]}"
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/synack_capture.wasm"
wasm-bindgen --target web --no-typescript --out-name synack-capture --out-dir "$out" "$wasm"

# Lines that only held the processed links are emptied too.
sed -i -e '/<link data-trunk /d' -e '/^[[:space:]]*$/d' "$out/index.html"

# 3. The picture is there before the wasm is.
cargo run --quiet --locked --bin first-frame -- "$out/index.html"

[[ "$profile" == release ]] || exit 0
# As trunk does for the app (index.html: data-wasm-opt="z", --converge).
wasm-opt -Oz --converge "$out/synack-capture_bg.wasm" -o "$out/synack-capture_bg.wasm"
shopt -s nullglob
for js in "$out"/*.js "$out"/snippets/*/*.js; do
  # Every script here is an ES module; exported and imported names are kept.
  terser "$js" --module --compress --mangle --output "$js"
done
csso "$out/style.css" --output "$out/style.css"
