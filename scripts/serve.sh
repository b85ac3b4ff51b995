#!/usr/bin/env bash
# Install what is missing, build the release bundle, and serve it on
# http://127.0.0.1:8080 (trunk rebuilds on change; reload the page to see it).
# Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:${SYNACK_TOOLS:-$HOME/.cache/synack-tools}/node_modules/.bin:$PATH"
# trunk's daily update check asks a web API that may be unreachable.
export TRUNK_SKIP_VERSION_CHECK=true
# --no-autoreload: trunk would otherwise write its reload script (a WebSocket
# to a placeholder address) into dist/, which must stay publishable as it is.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
