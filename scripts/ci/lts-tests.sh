#!/usr/bin/env bash
# The test suite (vitest, as `npm test` runs it after its lint and build) on other Node LTS lines than the one on
# PATH: the official binaries from the npm registry's `node` package (node@22, node@24), installed into a temporary
# prefix, removed on exit. Nothing is written into the repository; `npm test` (or `npm run build`) must have built
# dist/ first, as the tests that start the built CLI need it.
#
#   scripts/ci/lts-tests.sh 22 24
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/stewards-lts-XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -f "$repo/dist/commands/scan.js" ] || { echo "lts-tests: dist/ is not built (run npm test or npm run build first)" >&2; exit 1; }
# shellcheck source=scripts/ci/install-node.sh
. "$repo/scripts/ci/install-node.sh"
for major in "$@"; do
  prefix=$(install_node "$major" "$work")
  node="$prefix/node_modules/node/bin/node"
  echo "lts-tests: the test suite on $("$node" --version)" >&2
  # vitest's forks start their workers with the node that runs it.
  (cd "$repo" && "$node" node_modules/vitest/vitest.mjs run --reporter=dot)
done
