#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): native simulation speed, the release
# bundle's size, and frame times in headless Chromium. Usage: scripts/bench.sh [handshakes]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
export PATH="$HOME/.cargo/bin:${SYNACK_TOOLS:-$HOME/.cache/synack-tools}/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

cargo run --quiet --release -p synack-sim --example bench -- "${1:-10000}"

echo
echo "release bundle (trunk build --release, wasm-opt -Oz):"
trunk build --release --offline >/dev/null 2>&1
total_raw=0; total_gz=0
printf '  %-8s %10s %10s\n' kind raw gzip
for kind in wasm js css; do
  raw=0; gz=0
  for f in dist/*."$kind"; do
    [[ -e "$f" ]] || continue
    raw=$((raw + $(wc -c < "$f"))); gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  printf '  %-8s %9.1fK %9.1fK\n' "$kind" "$(echo "$raw/1024" | bc -l)" "$(echo "$gz/1024" | bc -l)"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
printf '  %-8s %9.1fK %9.1fK\n' total "$(echo "$total_raw/1024" | bc -l)" "$(echo "$total_gz/1024" | bc -l)"

echo
echo "frame times (headless Chromium, release build):"
node bench/frames.mjs
