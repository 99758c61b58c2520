#!/bin/sh
# `npm test`: the lint, the build of dist/ (the process tests run the built CLI), then the type check beside the test
# suite. The type check (tsc over src/, tests/ and bench/: about 30 s of one core on a clean clone, 10 s when its
# incremental record is there) used to run before the suite, beside the build only; the suite leaves a core idle part
# of its time (tests that wait on the processes they start), so beside it the check costs little wall time. Its errors
# are printed once the suite ends (not in the middle of vitest's report), and either failing fails `npm test`.
# Arguments go to vitest (`npm test -- -t name`).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
npm run --silent lint || exit 1
npm run --silent build:dist || exit 1
log=$(mktemp)
# dash runs no EXIT trap when a signal ends it: INT and TERM exit through it, so the log goes either way.
trap 'rm -f "$log"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
npm run --silent typecheck >"$log" 2>&1 &
typecheck=$!
"$root/node_modules/.bin/vitest" run "$@"
tests=$?
wait "$typecheck"
checked=$?
if [ "$checked" -ne 0 ]; then
  cat "$log" >&2
  echo "npm test: the type check failed (npm run typecheck, exit $checked)" >&2
fi
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
