#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): native simulation speed, the release
# bundle's size, and frame times in headless Chromium. Usage: scripts/bench.sh [handshakes]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --bench >/dev/null
export PATH="$HOME/.cargo/bin:${SYNACK_TOOLS:-$HOME/.cache/synack-tools}/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

cargo run --quiet --release -p synack-sim --example bench -- "${1:-10000}"
echo
cargo run --quiet --release -p synack-sim --example import_bench

echo
echo "clean handshakes per second, synack's simulate() (whole trace) against smoltcp 0.14 (two sockets, its loopback device):"
cargo run --quiet --release --locked --manifest-path bench/vs-smoltcp/Cargo.toml -- 200000 3

echo
echo "release bundle (trunk build --release, wasm-opt -Oz), bytes as KB (1024):"
trunk build --release --offline >/dev/null 2>&1
# The app's files, which every visitor loads (the page with its first
# frames, and the first scenario's lesson in English), and what the page
# fetches only when asked: the capture
# reader when someone opens a capture file, the other lessons when their
# scenario is chosen, the Chinese words and lessons when someone reads in
# Chinese. (embed-example.* is a sample course page, not part of the app.)
page=(dist/index.html dist/first-frame.js dist/synack-app_bg.wasm dist/synack-app.js dist/__wasm_split.js dist/boot.js dist/snippets/*/*.js dist/style.css dist/lessons/en/handshake.txt)
# The parts cut off the app's wasm (split_*.wasm, and chunk_*.wasm that two
# parts share) come when they are first shown (src/later.rs).
on_demand=(dist/synack-capture_bg.wasm dist/synack-capture.js dist/i18n/zh.txt dist/split_*.wasm dist/chunk_*.wasm)
for f in dist/lessons/*/*.txt; do [[ "$f" == */en/handshake.txt ]] || on_demand+=("$f"); done
kb() { echo "scale=1; $1/1024" | bc -l; }
report() {
  local label=$1; shift
  local raw=0 gz=0 wasm=0 js=0 css=0 text=0 html=0 f n
  for f in "$@"; do
    n=$(gzip -9 -c "$f" | wc -c); raw=$((raw + $(wc -c < "$f"))); gz=$((gz + n))
    case "$f" in *.wasm) wasm=$((wasm + n)) ;; *.js) js=$((js + n)) ;; *.css) css=$((css + n)) ;; *.txt) text=$((text + n)) ;; *.html) html=$((html + n)) ;; esac
  done
  printf '  %-24s %6sK gzip (wasm %sK, JS %sK, CSS %sK, HTML %sK, words and lessons %sK; %sK raw)\n' \
    "$label" "$(kb $gz)" "$(kb $wasm)" "$(kb $js)" "$(kb $css)" "$(kb $html)" "$(kb $text)" "$(kb $raw)"
}
report "loaded with the page:" "${page[@]}"
report "fetched when needed:" "${on_demand[@]}"
report "all of it:" "${page[@]}" "${on_demand[@]}"

echo
echo "frame times (headless Chromium, release build):"
node bench/frames.mjs
echo
node bench/import.mjs 300000
echo
echo "Lighthouse, mobile (slow 4G, 4x CPU slowdown), the release build served gzipped:"
node bench/lighthouse.mjs "${LIGHTHOUSE_RUNS:-3}"
