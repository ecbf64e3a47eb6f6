#!/usr/bin/env bash
# The demo on any checkout, a fresh clone included: sets up what is missing (dependencies, native
# addons, Chromium for the tests: scripts/setup.sh), then tags the sample photos with the demo model.
set -euo pipefail
cd "$(dirname "$0")/.."

# Ready when the command line's own dependencies load, native addons included.
if ! node -e "require('better-sqlite3'); require('onnxruntime-node'); require('sharp'); require.resolve('tsx')" >/dev/null 2>&1; then
  echo "facet demo: setting up first (npm run setup)" >&2
  bash scripts/setup.sh
fi

exec node --import tsx main/cli/index.ts tag e2e/fixtures/shapes \
  --labels assets/label-sets/shapes.json --model assets/models/tiny-clip-shapes --library .facet-demo "$@"
