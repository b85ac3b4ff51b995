#!/usr/bin/env bash
# Every check synack has, from a clean clone: installs what is missing, then
# fmt, clippy (native and wasm32, -D warnings), the core's no-web-deps rule,
# native tests, browser tests (wasm-pack, headless Chromium), a release build,
# a deterministic fuzz of its wasm32 capture reader, the end-to-end tests
# (hostile input among them: tests/e2e/hostile.test.mjs) against that build,
# and the simulator against the real kernel (when root with namespaces).
set -Eeuo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:${SYNACK_TOOLS:-$HOME/.cache/synack-tools}/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver

passed=0
step() {
  printf '\n\033[1;34m==> %s\033[0m\n' "$1"; shift
  "$@"
  passed=$((passed + 1))
}
trap 'echo; echo "checks: $passed passed, 1 failed"' ERR

step "rustfmt" cargo fmt --all -- --check
step "clippy (native)" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32)" cargo clippy --workspace --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
# The page's own build: its split points (src/later.rs) only exist there.
step "clippy (wasm32, split build)" cargo clippy -p synack --lib --bins --locked --target wasm32-unknown-unknown --features split -- -D warnings
step "the core has no web dependency" scripts/check-core-deps.sh
step "native tests" cargo test --workspace --locked
step "browser tests (wasm-pack, headless Chromium)" wasm-pack test --headless --chrome
step "release build (trunk)" trunk build --release --offline
step "the page's wasm32 capture reader survives 200,000 mutated files" node scripts/fuzz-wasm32.mjs --inputs 200000 --seed 1
step "end-to-end tests (release dist/ in headless Chromium)" node --test tests/e2e/
# Root with network namespaces and nftables (CI is): the real kernel judges.
kernel_check() {
  local rc=0
  scripts/kernel-check.sh || rc=$?
  if ((rc == 77)); then
    printf '\n\033[1;33m!!! the kernel check was SKIPPED: this machine cannot run it (see above)\033[0m\n'
    return 0
  fi
  return "$rc"
}
step "the simulator against this machine's Linux kernel (scripts/kernel-check.sh)" kernel_check
trap - ERR
echo
echo "checks: $passed passed, 0 failed"
