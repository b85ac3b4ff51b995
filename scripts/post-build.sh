#!/usr/bin/env bash
# Trunk runs this after each build (Trunk.toml, [[hooks]]) on its staging
# folder, with TRUNK_STAGING_DIR and TRUNK_PROFILE set. The tools come from
# scripts/setup.sh, on the PATH that serve.sh and test.sh set.
#
# 1. Builds the app (synack-app.js + synack-app_bg.wasm) and cuts off the
#    parts it fetches when they are first shown (src/later.rs: split_*.wasm
#    and __wasm_split.js, which loads them): linked with relocations,
#    wasm-split-cli cuts the wasm at its split points, then wasm-bindgen
#    writes the JavaScript for what is left. Trunk does not build the app
#    (index.html has no rust link): its wasm-bindgen step cannot split.
# 2. Builds the capture-file reader (crate synack-capture) as
#    synack-capture.js + synack-capture_bg.wasm: the module the page imports
#    the first time someone opens a capture.
# 3. Draws the default page's first frames into index.html (src/first_frame.rs).
# 4. In release builds, shrinks every wasm (wasm-opt -Oz) and minifies the
#    JavaScript (terser) and the stylesheet (csso): trunk's own JS minifier
#    cannot parse wasm-bindgen's output.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${TRUNK_STAGING_DIR:?run by trunk (Trunk.toml hooks)}"
profile="${TRUNK_PROFILE:-release}"

app=(--quiet --locked --bin synack-app --target wasm32-unknown-unknown --features split)
[[ "$profile" == release ]] && app+=(--release)
cargo rustc "${app[@]}" -- -C link-arg=--emit-relocs
cut=$(mktemp -d)
trap 'rm -rf "$cut"' EXIT
wasm-split-cli "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/synack-app.wasm" "$cut" --out-name synack-app
# --keep-lld-exports: the parts need the function table the linker exports.
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-name synack-app --out-dir "$out" "$cut/synack-app.wasm"
rm "$cut/synack-app.wasm"
cp "$cut"/*.wasm "$cut/__wasm_split.js" "$out/"

flags=(--quiet --locked -p synack-capture --target wasm32-unknown-unknown)
[[ "$profile" == release ]] && flags+=(--release)
cargo build "${flags[@]}"
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/synack_capture.wasm"
wasm-bindgen --target web --no-typescript --out-name synack-capture --out-dir "$out" "$wasm"

# Lines that only held the processed links are emptied too.
sed -i -e '/<link data-trunk /d' -e '/^[[:space:]]*$/d' "$out/index.html"

# The picture is there before the wasm is.
cargo run --quiet --locked --bin first-frame -- "$out/index.html"

# The page's own files: what a SCORM package the page makes holds (the
# sample course page aside; src/package.rs, assets::fetch_app_files).
(cd "$out" && find . -type f ! -name 'embed-example.*' ! -name files.txt | sed 's|^\./||' | LC_ALL=C sort > files.txt)

[[ "$profile" == release ]] || exit 0
shopt -s nullglob
for wasm in "$out"/*.wasm; do
  wasm-opt -Oz --converge "$wasm" -o "$wasm"
done
for js in "$out"/*.js "$out"/snippets/*/*.js; do
  # Every script here is an ES module; exported and imported names are kept.
  terser "$js" --module --compress --mangle --output "$js"
done
csso "$out/style.css" --output "$out/style.css"
