#!/usr/bin/env bash
# One-command setup for a checkout: dependencies, native addons, and the browser the e2e tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

# onnxruntime-node's optional CUDA download needs the internet; the CPU and WebGPU providers ship
# inside the package. Set ONNXRUNTIME_NODE_INSTALL=cuda12 before setup to fetch the CUDA provider.
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"
# Electron's binary is fetched separately below so that a machine without it still gets the CLI,
# the engine and the browser-mode tests.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ ! -x /usr/bin/chromium ]; then
  echo "facet setup: installing Debian's chromium for the end-to-end tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

npm ci --no-audit --no-fund

if [ "${FACET_SKIP_ELECTRON:-0}" != 1 ]; then
  if (unset ELECTRON_SKIP_BINARY_DOWNLOAD; timeout 120 node node_modules/electron/install.js) >/dev/null 2>&1; then
    echo "facet setup: Electron installed; 'npm start' opens the desktop app" >&2
  else
    echo "facet setup: Electron's binary could not be downloaded; the CLI and the browser-mode tests work without it" >&2
  fi
fi
echo "facet setup: done. Try 'npm run demo', then 'npm test'." >&2
