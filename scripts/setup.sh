#!/usr/bin/env bash
# Install every tool synack needs, skipping what is already there (idempotent).
# Works offline except for the package registries (crates.io, npm, Debian).
#
#   scripts/setup.sh          tools for building and serving
#   scripts/setup.sh --test   also the tools the tests need (wasm-pack, playwright-core)
#   scripts/setup.sh --bench  those and what scripts/bench.sh needs (lighthouse)
#
# Tools land in ~/.cargo/bin (cargo installs) and ~/.cache/synack-tools (npm),
# so a fresh clone on the same machine reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_TEST=0 WANT_BENCH=0
[[ "${1:-}" == "--test" ]] && WANT_TEST=1
[[ "${1:-}" == "--bench" ]] && WANT_TEST=1 WANT_BENCH=1

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
BINARYEN_VERSION=132
TERSER_VERSION=5.51.4
CSSO_VERSION=4.0.2
PLAYWRIGHT_VERSION=1.65.1
AXE_VERSION=4.11.0
SCORM_AGAIN_VERSION=3.4.3
LIGHTHOUSE_VERSION=12.2.3
TOOLS="${SYNACK_TOOLS:-$HOME/.cache/synack-tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# wasm-bindgen's version, as Cargo.lock pins it: the CLI must match exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

# --- Rust target -----------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# --- cargo-installed tools (pinned) ------------------------------------------
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 min)"
  # Not --locked: the registry snapshot lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi
if ! have_version trunk "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 12 min)"
  # --locked: without it lightningcss meets a newer cssparser and fails to build.
  cargo install trunk --version "=$TRUNK_VERSION" --locked --force
fi

# Cuts the app's wasm at its split points (scripts/post-build.sh, src/later.rs).
# It has no --version: cargo's list of installed crates tells.
if ! command -v wasm-split-cli >/dev/null ||
   ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (crate wasm_split_cli_support, about 1 min)"
  cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# --- npm tools: wasm-opt from binaryen (Debian's 108 cannot read our wasm) ---
mkdir -p "$TOOLS"
if ! have_version wasm-opt "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# Minifiers for release builds (scripts/post-build.sh), pure JavaScript.
if ! have_version terser "terser $TERSER_VERSION"; then
  say "installing terser $TERSER_VERSION (npm)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "terser@$TERSER_VERSION" >/dev/null
fi
if [[ "$(node -p "require('$TOOLS/node_modules/csso-cli/package.json').version" 2>/dev/null)" != "$CSSO_VERSION" ]]; then
  say "installing csso-cli $CSSO_VERSION (npm)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "csso-cli@$CSSO_VERSION" >/dev/null
fi

# --- Debian packages ------------------------------------------------------------
APT_PKGS=()
command -v chromium >/dev/null || APT_PKGS+=(chromium)
command -v chromedriver >/dev/null || APT_PKGS+=(chromium-driver)
# A CJK font, so screenshots show 中文 rather than empty boxes.
[[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || APT_PKGS+=(fonts-wqy-microhei)
# The pcap tests open our captures with Wireshark's own dissector.
if ((WANT_TEST)) && ! command -v tshark >/dev/null; then APT_PKGS+=(tshark); fi
# The kernel check (scripts/kernel-check.sh): namespaces, drops, captures.
if ((WANT_TEST)); then
  command -v ip >/dev/null || APT_PKGS+=(iproute2)
  command -v nft >/dev/null || APT_PKGS+=(nftables)
  command -v tcpdump >/dev/null || APT_PKGS+=(tcpdump)
fi
if ((${#APT_PKGS[@]})); then
  say "installing Debian packages: ${APT_PKGS[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PKGS[@]}" >/dev/null
fi

# --- test-only tools ------------------------------------------------------------
if ((WANT_TEST)); then
  if ! command -v wasm-pack >/dev/null; then
    say "installing wasm-pack (about 4 min)"
    cargo install wasm-pack --locked
  fi
  # The accessibility audit the end-to-end tests run on each main view.
  if [[ "$(node -p "require('$TOOLS/node_modules/axe-core/package.json').version" 2>/dev/null)" != "$AXE_VERSION" ]]; then
    say "installing axe-core $AXE_VERSION (npm)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "axe-core@$AXE_VERSION" >/dev/null
  fi
  # An LMS's SCORM run-time (1.2 and 2004), for tests/e2e/scorm.test.mjs.
  if [[ "$(node -p "require('$TOOLS/node_modules/scorm-again/package.json').version" 2>/dev/null)" != "$SCORM_AGAIN_VERSION" ]]; then
    say "installing scorm-again $SCORM_AGAIN_VERSION (npm)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "scorm-again@$SCORM_AGAIN_VERSION" >/dev/null
  fi
  if [[ ! -d "$TOOLS/node_modules/playwright-core" ]]; then
    say "installing playwright-core (it drives Debian's chromium; no browser download)"
    npm install --prefix "$TOOLS" --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
  fi
fi
# Lighthouse's mobile audit of the served page (bench/lighthouse.mjs): 12.2.3
# runs on Node 20 with Debian's Chromium.
if ((WANT_BENCH)) && [[ "$(node -p "require('$TOOLS/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]]; then
  say "installing lighthouse $LIGHTHOUSE_VERSION (npm)"
  npm install --prefix "$TOOLS" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

# Crates for offline builds (trunk runs cargo with --offline).
cargo fetch --locked >/dev/null 2>&1 || cargo fetch >/dev/null
say "tools ready"
