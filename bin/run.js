#!/usr/bin/env node
import {enableCompileCache} from '../dist/core/cache/compile-cache.js'
import {tuneTiering} from '../dist/core/tiering.js'

// Before the rest of stewards loads: Node 22+ keeps its compiled code in stewards' cache directory (the module says
// where and why), so a start compiles nothing it compiled before; V8 optimises stewards' code later and inlines less
// (a short run through many parsers: the module says why).
enableCompileCache()
const tiering = tuneTiering()
const {redactDebugOutput, rememberStartupSecrets, safeLogger} = await import('../dist/core/debug-log.js')

// Before oclif starts: its debug log (DEBUG=*) prints argv, and the token must not appear in it.
rememberStartupSecrets(process.argv)
redactDebugOutput()
safeLogger('stewards:start').debug(
  `V8 tiering: ${tiering.length > 0 ? tiering.join(' ') : "V8's own (a V8 not measured, or node's options tier it)"}`,
)
// @oclif/core checks the running Node against its own engines (>= 18) with semver when it loads; stewards supports
// Node 22 and 24 (package.json engines) and runs on 20.11+, so that check cannot fail. Bundled, it would not even
// find oclif's package.json (it looks beside its own code), so it is turned off.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
// The bundled copy of @oclif/core the commands use (scripts/bundle.mjs), not the one in node_modules.
const {allowYoungGenerationHold, drained, execute} = await import('../dist/core/cli-main.js')
allowYoungGenerationHold()
await execute({loadOptions: {root: import.meta.dirname, logger: safeLogger()}})
// The command is done (an error or an explicit exit code has already ended the process in oclif's handler). A
// natural exit would first tear down the whole heap, tens of milliseconds after a large inventory; the process
// exits once its output has gone out instead (stdout and stderr are asynchronous on pipes).
await Promise.all([process.stdout, process.stderr].map(drained))
process.exit()
