#!/usr/bin/env bash
# Fuzz the capture import (synack_sim::import::read and trace) with cargo-fuzz.
#
#   scripts/fuzz.sh [seconds]     default 300 s
#
# Needs a nightly toolchain (libFuzzer's instrumentation); installs cargo-fuzz
# into ~/.cargo/bin if missing. The seed corpus is our own exports of every
# scenario at all three capture points, plus pcapng copies when editcap exists.
# Crashes land in sim/fuzz/artifacts/import/. Not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-300}"
CARGO_FUZZ_VERSION=0.13.2
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup toolchain list | grep -q '^nightly'; then
  echo "fuzz: needs a nightly toolchain (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install --locked --version "$CARGO_FUZZ_VERSION" cargo-fuzz
fi

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

cd sim/fuzz
# -rss_limit_mb: a 64 MB capture read twice must fit; more is a finding.
cargo +nightly fuzz run import "../../$corpus" -- \
  -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=1024 -max_len=262144 -print_final_stats=1
