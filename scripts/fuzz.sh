#!/usr/bin/env bash
# Fuzz the capture import (synack_sim::import::read and trace) with cargo-fuzz,
# then the page's own wasm32 build of the reader (scripts/fuzz-wasm32.mjs),
# where sizes are 32 bits and what wraps there can be found.
#
#   scripts/fuzz.sh [seconds]           default 300 s, for each of the two
#   scripts/fuzz.sh --wasm32 [seconds]  the wasm32 reader only (no nightly needed)
#
# Needs a nightly toolchain (libFuzzer's instrumentation); installs cargo-fuzz
# into ~/.cargo/bin if missing. The seed corpus is our own exports of every
# scenario at all three capture points, plus pcapng copies when editcap exists.
# Crashes land in sim/fuzz/artifacts/import/ (native) and .../wasm32/. The test
# command runs a short deterministic wasm32 round (200,000 inputs, seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
WASM32_ONLY=0
if [[ "${1:-}" == --wasm32 ]]; then WASM32_ONLY=1; shift; fi
SECONDS_TO_RUN="${1:-300}"
CARGO_FUZZ_VERSION=0.13.2
export PATH="$HOME/.cargo/bin:$PATH"

corpus=sim/fuzz/corpus/import
mkdir -p "$corpus"
cargo build --quiet --release --bin synack
for name in $(target/release/synack --list | awk '{print $1}'); do
  for at in wire client server; do
    f="$corpus/$name-$at.pcap"
    [[ -e "$f" ]] || target/release/synack --scenario "$name" --capture "$at" --pcap "$f" 2>/dev/null
    if command -v editcap >/dev/null && [[ ! -e "$f"ng ]]; then editcap -F pcapng "$f" "$f"ng; fi
  done
done

wasm32() {
  if [[ ! -e dist/synack-capture_bg.wasm ]]; then
    PATH="$HOME/.cache/synack-tools/node_modules/.bin:$PATH" TRUNK_SKIP_VERSION_CHECK=true trunk build --release --offline
  fi
  node scripts/fuzz-wasm32.mjs --seconds "$SECONDS_TO_RUN" tests/fixtures sim/fuzz/corpus/import
}
if [[ "$WASM32_ONLY" == 1 ]]; then wasm32; exit; fi

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked --version "$CARGO_FUZZ_VERSION" cargo-fuzz
fi

# -rss_limit_mb: a 64 MB capture read twice must fit; more is a finding.
(cd sim/fuzz && cargo +nightly fuzz run import "../../$corpus" -- \
  -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=1024 -max_len=262144 -print_final_stats=1)
# The corpus libFuzzer grew seeds the wasm32 run.
wasm32
