#!/usr/bin/env bash
# Packaging smoke test, as a user installs stewards: `npm pack` (prepack builds dist/ and oclif.manifest.json),
# the tarball installed into an empty folder, then `npx stewards --version`, `--help` and the demo scan from there;
# then the GitHub Action's steps (scripts/action/main.mjs) install the same tarball and scan the demo.
#
#   scripts/ci/package-smoke.sh                 # pack, then smoke on the node on PATH
#   scripts/ci/package-smoke.sh 22 24           # pack, then smoke on Node 22 and on Node 24
#   STEWARDS_TARBALL=x.tgz scripts/ci/package-smoke.sh 22   # an existing tarball (no pack)
#
# Other Node versions come from the npm registry itself: the `node` package (node@22, node@24) ships the official
# binaries, installed into a temporary prefix and put first on PATH (npm and npx then run on it too).
# Everything happens under one temporary folder, removed on exit; nothing is written into the repository.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/stewards-smoke-XXXXXX")
trap 'rm -rf "$work"' EXIT
quiet=(--no-audit --no-fund --loglevel=error)

tarball=${STEWARDS_TARBALL:-}
if [ -z "$tarball" ]; then
  echo "package-smoke: npm pack (prepack builds dist/ and the oclif manifest)" >&2
  (cd "$repo" && npm pack --pack-destination "$work" "${quiet[@]}" >"$work/pack.log" 2>&1) || {
    cat "$work/pack.log" >&2
    exit 1
  }
  tarball=$(ls "$work"/stewards-*.tgz)
fi
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
# What a published package must hold, and what it must not.
listing=$(tar -tzf "$tarball")
for required in package/bin/run.js package/dist/commands/scan.js package/dist/preparsed-yaml.json package/oclif.manifest.json package/rules/packs/default; do
  grep -q "^$required" <<<"$listing" || { echo "package-smoke: $required missing from $(basename "$tarball")" >&2; exit 1; }
done
if grep -qE '^package/(src|tests|fixtures|node_modules)/' <<<"$listing"; then
  echo "package-smoke: the tarball holds sources, tests or fixtures" >&2
  exit 1
fi

smoke() {
  local label=$1 app="$work/app-$1"
  mkdir -p "$app"
  cd "$app"
  echo '{"name": "stewards-smoke", "private": true}' >package.json
  # Every start keeps its cache (Node's compiled code of stewards included) in the temporary folder, not the user's.
  export XDG_CACHE_HOME="$app/cache"
  npm install "${quiet[@]}" "$tarball" >"$app/install.log" 2>&1 || { cat "$app/install.log" >&2; exit 1; }
  local version
  version=$(npx --no-install stewards --version 2>"$app/version.err")
  echo "package-smoke [$label]: $version" >&2
  # Nothing on stderr: V8 prints an error for a flag it does not know (src/core/tiering.ts sets some by V8 version).
  [ ! -s "$app/version.err" ] || { echo "package-smoke [$label]: --version wrote to stderr:" >&2; cat "$app/version.err" >&2; exit 1; }
  grep -q "node-$(node --version)" <<<"$version" || { echo "package-smoke: not run by $(node --version)" >&2; exit 1; }
  npx --no-install stewards --help | grep -q 'scan' || { echo "package-smoke: --help lists no scan" >&2; exit 1; }
  # The demo, copied beside the install, every report written as `npm run demo` does.
  mkdir -p fixtures && cp -R "$repo/fixtures/demo" fixtures/demo
  local code=0 outputs=()
  for format in json sarif markdown html csv; do outputs+=(--output "$format=demo-output/stewards.${format/markdown/md}"); done
  NO_COLOR=1 GITHUB_TOKEN='' GH_TOKEN='' \
    npx --no-install stewards scan fixtures/demo "${outputs[@]}" >"$app/scan.txt" 2>"$app/scan.err" || code=$?
  if [ "$code" != 0 ] || ! grep -q 'FINDINGS' "$app/scan.txt"; then
    echo "package-smoke [$label]: the demo scan failed (exit $code)" >&2
    cat "$app/scan.err" >&2
    exit 1
  fi
  for format in json sarif markdown html csv; do
    local file=demo-output/stewards.${format/markdown/md}
    [ -s "$file" ] || { echo "package-smoke [$label]: $file not written" >&2; exit 1; }
  done
  echo "package-smoke [$label]: --version, --help and the demo scan work from the installed tarball" >&2
  # Node 22 and later keep stewards' compiled code in its cache directory; `cache clear` removes it.
  local compiled="$XDG_CACHE_HOME/stewards/.node-compile-cache"
  if node -e "process.exit(typeof require('node:module').enableCompileCache === 'function' ? 0 : 1)"; then
    [ -n "$(find "$compiled" -type f 2>/dev/null)" ] || { echo "package-smoke [$label]: no compile cache in $compiled" >&2; exit 1; }
    npx --no-install stewards cache clear | grep -q '\.node-compile-cache' || { echo "package-smoke [$label]: cache clear left the compile cache" >&2; exit 1; }
    [ ! -e "$compiled" ] || { echo "package-smoke [$label]: $compiled still there after cache clear" >&2; exit 1; }
    # A relative cache home (an unexpanded `~/.cache`) is ignored: nothing written where stewards runs (the tree it scans).
    # (HOME is a temporary one: the cache goes under it, never the user's.)
    mkdir -p "$app/scanned" "$app/home"
    (cd "$app/scanned" && HOME="$app/home" npm_config_update_notifier=false XDG_CACHE_HOME='~/.cache' npx --no-install stewards --version >/dev/null)
    [ -n "$(find "$app/home/.cache/stewards/.node-compile-cache" -type f 2>/dev/null)" ] ||
      { echo "package-smoke [$label]: no compile cache under the home when XDG_CACHE_HOME is relative" >&2; exit 1; }
    [ -z "$(ls -A "$app/scanned")" ] || { echo "package-smoke [$label]: a relative XDG_CACHE_HOME wrote into the working directory" >&2; exit 1; }
    echo "package-smoke [$label]: the compile cache is kept in the cache directory, cleared with it, never under a relative home" >&2
  fi
  action "$label" "$app"
  cd "$work"
}

# The GitHub Action's own steps (scripts/action/main.mjs) with this tarball as `package:`: install, then scan the demo.
action() {
  local label=$1 runner="$2/runner"
  mkdir -p "$runner/temp" "$runner/checkout"
  : >"$runner/output"
  : >"$runner/summary"
  cp -R "$repo/fixtures/demo" "$runner/checkout/repo"
  local env=(RUNNER_TEMP="$runner/temp" GITHUB_ACTION_PATH="$repo" GITHUB_OUTPUT="$runner/output"
    GITHUB_STEP_SUMMARY="$runner/summary" GITHUB_WORKSPACE="$runner/checkout/repo" RUNNER_OS=Linux NO_COLOR=1)
  env "${env[@]}" INPUT_PACKAGE="$tarball" node "$repo/scripts/action/main.mjs" install >"$runner/install.log" 2>&1 ||
    { cat "$runner/install.log" >&2; exit 1; }
  local bin
  bin=$(sed -n 's/^bin=//p' "$runner/output")
  env "${env[@]}" STEWARDS_BIN="$bin" INPUT_PATHS=. INPUT_FAIL_ON=high \
    node "$repo/scripts/action/main.mjs" scan >"$runner/scan.log" 2>&1 || { cat "$runner/scan.log" >&2; exit 1; }
  if ! grep -qx 'exit-code=1' "$runner/output" || ! grep -q '^## stewards' "$runner/summary"; then
    echo "package-smoke [$label]: the action's scan step did not gate the demo" >&2
    cat "$runner/scan.log" "$runner/output" >&2
    exit 1
  fi
  echo "package-smoke [$label]: the action installs the tarball and scans the demo" >&2
}

if [ $# -eq 0 ]; then
  smoke "node-$(node --version)"
  exit 0
fi
# shellcheck source=scripts/ci/install-node.sh
. "$repo/scripts/ci/install-node.sh"
for major in "$@"; do
  prefix=$(install_node "$major" "$work")
  (PATH="$prefix/node_modules/.bin:$PATH" smoke "node$major")
done
