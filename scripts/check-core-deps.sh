#!/usr/bin/env bash
# The simulation core must depend on nothing web: it runs natively, in tests,
# in the CLI, and in wasm alike. Fail if any web crate enters its tree.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(cargo tree -p synack-sim -e normal,build --prefix none --format '{p}' --target all \
  | awk '{print $1}' | sort -u \
  | grep -E '^(yew|yew-[a-z-]+|web-sys|js-sys|wasm-bindgen|wasm-bindgen-[a-z-]+|gloo|gloo-[a-z-]+|getrandom)$' || true)
if [[ -n "$bad" ]]; then
  echo "synack-sim must not depend on web crates, but its tree has: $bad" >&2
  exit 1
fi
echo "core dependency check: synack-sim has no web dependency"
